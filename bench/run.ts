// `npm run bench [-- --seconds N] [-- --soak SECONDS]`: the hot on-sale benchmark (README: Performance).
// `--json FILE` also writes the run's table, notes and targets there, and `--built` serves dist/ as it is:
// both for bench/ab.ts, which builds each side once and reads every run's figures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Ledger } from '../test/support/ledger';
import { withClient } from '../test/support/test-cluster';
import { AppServer, startProductionServer } from './app-server';
import { heldLedgerWith, ledgerWith, provisionDatabase } from './bench-database';
import { runInChild } from './child-process';
import { HttpLoad } from './http-load';
import { LoadResult } from './load-result';
import { BenchRun, printTable, printTargets, Target } from './report';
import { describeRequestPath, measureRequestPath, requestPathTargets } from './request-path';
import { BenchData, HISTORY_LAST_PAGE, seedBenchData } from './seed';
import { SqlLoad } from './sql-load';

const HOT_CLIENTS = 64;
const CACHED_AVAILABILITY_MS = 1_000;
const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string' },
    soak: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
    built: { type: 'boolean' },
  },
});
/** `--only a,h`: the scenarios to run (sql, a, h, b, c, d, g for f/f2/g); all by default. */
const only = options.only?.split(',');
const selected = (scenario: string) => !only || only.includes(scenario);
const hotSeconds = Number(options.seconds ?? 20);
const otherSeconds = Number(options.seconds ?? 10);

const sqlLoad = (load: SqlLoad) => runInChild<SqlLoad, LoadResult>(join(__dirname, 'sql-load.ts'), load);

/**
 * One HTTP load on `server`, with the server's CPU time per answered request: on a machine shared
 * with other work the request rate is noisy, the CPU a request costs much less so.
 */
async function httpLoad(server: AppServer, load: Omit<HttpLoad, 'baseUrl'>): Promise<LoadResult> {
  const cpuMsBefore = server.cpuMs();
  const result = await runInChild<HttpLoad, LoadResult>(join(__dirname, 'http-load.ts'), { ...load, baseUrl: server.baseUrl });
  return { ...result, serverCpuMsPerRequest: (server.cpuMs() - cpuMsBefore) / Math.max(1, result.requests) };
}
async function main(): Promise<void> {
  const database = await provisionDatabase();
  try {
    step('seeding 2,000 buyers, 5 events and 1,000,000 bookings');
    const data = await withClient(database.url, seedBenchData);
    step(options.built ? 'starting the production server' : 'building and starting the production server');
    const server = await startProductionServer(database.url, {}, options.built);
    try {
      if (options.soak) await soak(server, data, Number(options.soak));
      else await hotOnSale(server, data, database.url);
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

async function hotOnSale(server: AppServer, data: BenchData, databaseUrl: string): Promise<void> {
  const tokens = data.buyers.map((buyer) => buyer.token);
  const userIds = data.buyers.map((buyer) => buyer.id);
  const book = (eventId: string) => ({
    method: 'POST' as const,
    path: '/api/bookings/',
    body: { event_id: eventId, number_of_tickets: 1 },
  });
  const results: LoadResult[] = [];
  const targets: Target[] = [];
  const notes: string[] = [`Node ${process.version}`];
  const run = async (label: string, load: Promise<LoadResult>) => {
    step(label);
    results.push(await load);
    return results[results.length - 1];
  };

  const rawSql: LoadResult[] = [];
  if (selected('sql')) {
    for (const clients of [8, HOT_CLIENTS]) {
      const scenario = `raw SQL booking transaction, ${clients} clients`;
      rawSql.push(
        await run(scenario, sqlLoad({ scenario, databaseUrl, eventId: data.rawSqlEventId, userIds, clients, seconds: otherSeconds })),
      );
    }
  }
  let hot: LoadResult | undefined;
  if (selected('a')) {
    hot = await run(
      '(a) hot booking',
      httpLoad(server, {
        scenario: '(a) hot booking, 1 ticket',
        requests: [book(data.hotEventId)],
        tokens,
        clients: HOT_CLIENTS,
        seconds: hotSeconds,
        expectedStatuses: [201],
      }),
    );
    targets.push(
      { name: '(a) p99 under 50 ms at 64 clients', value: `${hot.p99Ms} ms`, met: hot.p99Ms < 50 },
      { name: '(a) no errors other than 409', value: JSON.stringify(hot.statuses), met: hot.errors === 0 },
      balancedBooks('hot event', await withClient(databaseUrl, (client) => ledgerWith(client, data.hotEventId))),
    );
  }
  if (hot && rawSql.length) {
    const ceiling = Math.max(...rawSql.map((result) => result.perSecond));
    const ratio = hot.perSecond / ceiling;
    notes.push(`(a) / best raw SQL = ${hot.perSecond.toFixed(0)} / ${ceiling.toFixed(0)} = ${ratio.toFixed(2)}`);
    targets.unshift({ name: '(a) at least 0.7 of the raw-SQL ceiling', value: ratio.toFixed(2), met: ratio >= 0.7 });
    targets.push(balancedBooks('raw SQL event', await withClient(databaseUrl, (client) => ledgerWith(client, data.rawSqlEventId))));
  }
  if (selected('h')) {
    const holds = await run(
      '(h) hot holds',
      httpLoad(server, {
        scenario: '(h) hot holds, hold then confirm',
        requests: [
          { method: 'POST', path: '/api/holds/', body: { event_id: data.holdEventId, number_of_tickets: 1 } },
          { method: 'POST', path: '/api/holds/{hold_id}/confirm/' },
        ],
        tokens,
        clients: HOT_CLIENTS,
        seconds: hotSeconds,
        expectedStatuses: [201],
      }),
    );
    notes.push(`(h) ${holds.walksPerSecond!.toFixed(0)} hold+confirm pairs/s`);
    if (hot) {
      const share = holds.walksPerSecond! / hot.perSecond;
      notes.push(`(h) / (a) = ${holds.walksPerSecond!.toFixed(0)} / ${hot.perSecond.toFixed(0)} = ${share.toFixed(2)}`);
      targets.push({ name: '(h) pairs at least 0.8 of (a) bookings', value: share.toFixed(2), met: share >= 0.8 });
    }
    targets.push(
      { name: '(h) no errors', value: JSON.stringify(holds.statuses), met: holds.errors === 0 },
      balancedBooks('hold event', await withClient(databaseUrl, (client) => heldLedgerWith(client, data.holdEventId))),
    );
  }
  const rushes = hot ? [{ name: '(a)', result: hot }] : [];
  if (selected('b')) {
    const soldOut = await run(
      '(b) sold-out rejections',
      httpLoad(server, {
        scenario: '(b) sold-out rejection',
        requests: [book(data.soldOutEventId)],
        tokens,
        clients: HOT_CLIENTS,
        seconds: otherSeconds,
        expectedStatuses: [409],
      }),
    );
    targets.push(...rushes.map(({ result }) => atLeastTimes(soldOut, 5, result)));
  }
  const reads: LoadResult[] = [];
  if (selected('c')) {
    const availabilityReads = (scenario: string, readServer: AppServer) =>
      httpLoad(readServer, {
        scenario,
        requests: [{ method: 'GET', path: `/api/events/${data.hotEventId}/availability/` }],
        tokens,
        clients: HOT_CLIENTS,
        seconds: otherSeconds,
        expectedStatuses: [200],
      });
    reads.push(await run('(c) availability reads', availabilityReads('(c) availability read, exact', server)));
    // The contract's availability cache is off by default; an on-sale would turn it on.
    const cachingServer = await startProductionServer(databaseUrl, { AVAILABILITY_CACHE_TTL_MS: String(CACHED_AVAILABILITY_MS) }, true);
    reads.push(
      await run(
        '(c) availability reads, cached',
        availabilityReads(`(c) availability read, cache ${CACHED_AVAILABILITY_MS} ms`, cachingServer).finally(() => cachingServer.stop()),
      ),
    );
    targets.push(...reads.flatMap((read) => rushes.map(({ result }) => atLeastTimes(read, 5, result))));
  }
  if (selected('d')) {
    const historyPage = (page: number) =>
      httpLoad(server, {
        scenario: `(d) history page ${page} of ${HISTORY_LAST_PAGE}`,
        requests: [{ method: 'GET', path: `/api/users/${data.heavyUser.id}/bookings/?page=${page}` }],
        tokens: [data.heavyUser.token],
        clients: 8,
        seconds: otherSeconds,
        expectedStatuses: [200],
      });
    await run('(d) history, first page', historyPage(1));
    const lastPage = await run('(d) history, last page', historyPage(HISTORY_LAST_PAGE));
    targets.push({ name: '(d) last page p99 under 20 ms', value: `${lastPage.p99Ms} ms`, met: lastPage.p99Ms < 20 });
  }
  if (selected('g')) {
    const requestPath = await measureRequestPath(
      (on, load) => run(load.scenario, httpLoad(on, load)),
      server,
      tokens[0],
      HOT_CLIENTS,
      otherSeconds,
    );
    if (hot) notes.push(describeRequestPath(requestPath, hot));
    targets.push(...requestPathTargets(requestPath, hot, reads));
  }

  console.log('');
  printTable(results);
  notes.push(`server peak RSS ${server.memory().peakRssMb} MB`);
  console.log(`\n${notes.join('; ')}\n`);
  printTargets(targets);
  if (options.json) writeFileSync(options.json, JSON.stringify({ results, notes, targets } satisfies BenchRun));
}

function balancedBooks(name: string, ledger: Ledger & { held?: number }): Target {
  const held = ledger.held ?? 0;
  return {
    name: `${name}: confirmed ${ledger.held === undefined ? '' : '+ held '}+ available = capacity`,
    value: `${ledger.confirmed} ${ledger.held === undefined ? '' : `+ ${held} `}+ ${ledger.available} = ${ledger.capacity}`,
    met: ledger.confirmed + held + ledger.available === ledger.capacity && ledger.available >= 0,
  };
}

function atLeastTimes(over: LoadResult, times: number, under: LoadResult): Target {
  return {
    name: `${over.scenario}: at least ${times} x (a)`,
    value: `${(over.perSecond / under.perSecond).toFixed(1)} x`,
    met: over.perSecond >= times * under.perSecond,
  };
}

/** A mixed load for `seconds`, printing the server's memory every minute (the leak check). */
async function soak(server: AppServer, data: BenchData, seconds: number): Promise<void> {
  step(`soak: mixed load for ${seconds} s, memory every minute`);
  const load = httpLoad(server, {
    scenario: 'soak: book, availability, history, event',
    requests: [
      { method: 'POST', path: '/api/bookings/', body: { event_id: data.hotEventId, number_of_tickets: 1 } },
      { method: 'GET', path: `/api/events/${data.hotEventId}/availability/` },
      // Each buyer's own bookings: the rotating keys belong to the buyers, not to the heavy user.
      { method: 'GET', path: '/api/bookings/?page=1' },
      { method: 'GET', path: `/api/events/${data.hotEventId}/` },
    ],
    tokens: data.buyers.map((buyer) => buyer.token),
    clients: 32,
    seconds,
    expectedStatuses: [200, 201],
  });
  const samples: number[] = [];
  const sampler = setInterval(() => {
    samples.push(server.memory().rssMb);
    console.log(`minute ${samples.length}: RSS ${samples[samples.length - 1]} MB`);
  }, 60_000);
  const result = await load.finally(() => clearInterval(sampler));
  printTable([result]);
  console.log(`statuses: ${JSON.stringify(result.statuses)}`);
  if (samples.length >= 2) {
    const drift = ((samples[samples.length - 1] - samples[0]) / samples[0]) * 100;
    printTargets([
      {
        name: 'RSS flat within 10% after the first minute',
        value: `${samples[0]} -> ${samples[samples.length - 1]} MB (${drift.toFixed(1)}%)`,
        met: Math.abs(drift) <= 10,
      },
    ]);
  }
}

function step(message: string): void {
  console.log(`[bench] ${message}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
