import DataLoader from 'dataloader';

const MAX_BATCH = 500;

/**
 * Gathers the keys that all requests handled in one pass of the event loop ask for and hands
 * them to `run` together, once that pass is over: a rush of requests costs one query per pass
 * instead of one each. The query is sent after every request it serves arrived, so what it reads
 * is current for each of them. No caching: each pass asks the database again.
 */
export function batchPerLoopPass<K, V>(run: (keys: readonly K[]) => Promise<readonly V[]>): DataLoader<K, V> {
  return new DataLoader(run, { cache: false, batchScheduleFn: (runBatch) => setImmediate(runBatch), maxBatchSize: MAX_BATCH });
}

/** For each key asked, the row with that key or null: a batch must answer in the order it was asked. */
export function inKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}
