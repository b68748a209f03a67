// A load generator child (see child-process.ts): autocannon against the running server.
import autocannon from 'autocannon';

import { serveOnce } from './child-process';
import { LoadResult } from './load-result';

/**
 * One request of a walk. `path` may name fields of the previous answer's JSON body in braces
 * (`/api/holds/{hold_id}/confirm/`); when that answer was not one of the expected statuses, the
 * walk starts over instead.
 */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: object;
}

export interface HttpLoad {
  scenario: string;
  baseUrl: string;
  /** The walk each client makes over and over, in order, as one buyer. */
  requests: LoadRequest[];
  /** API keys, the next one for each walk, as thousands of distinct buyers would. */
  tokens: string[];
  clients: number;
  seconds: number;
  expectedStatuses: number[];
}

/** What a client remembers within one walk: its buyer's key and the previous answer. */
interface WalkContext {
  token?: string;
  previous?: { status: number; body: string };
}

const PLACEHOLDER = /\{(\w+)\}/g;

serveOnce<HttpLoad, LoadResult>(async (load) => {
  let walks = 0;
  let completedWalks = 0;
  const expected = new Set(load.expectedStatuses);
  const last = load.requests.length - 1;
  const result = await autocannon({
    url: load.baseUrl,
    connections: load.clients,
    duration: load.seconds,
    requests: load.requests.map((next, index) => ({
      setupRequest: (request, context: WalkContext) => {
        if (index === 0) context.token = load.tokens[walks++ % load.tokens.length];
        const path = fillPath(next.path, context.previous);
        if (path === null) return null as unknown as typeof request;
        return {
          ...request,
          method: next.method,
          path,
          body: next.body ? JSON.stringify(next.body) : undefined,
          headers: { 'content-type': 'application/json', authorization: `Token ${context.token}` },
        };
      },
      onResponse: (status: number, body: string, context: WalkContext) => {
        context.previous = { status, body };
        if (index === last && expected.has(status)) completedWalks++;
      },
    })),
  });

  /** The path with the previous answer's fields filled in, or null when that answer cannot fill it. */
  function fillPath(path: string, previous: WalkContext['previous']): string | null {
    if (!path.includes('{')) return path;
    if (!previous || !expected.has(previous.status)) return null;
    const answer = JSON.parse(previous.body) as Record<string, unknown>;
    return path.replace(PLACEHOLDER, (_, field: string) => String(answer[field]));
  }

  const statuses: Record<string, number> = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
  const answeredExpected = load.expectedStatuses.reduce((sum, status) => sum + (statuses[status] ?? 0), 0);
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    scenario: load.scenario,
    clients: load.clients,
    seconds: load.seconds,
    requests: answered,
    perSecond: answered / load.seconds,
    walksPerSecond: completedWalks / load.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: answered - answeredExpected + result.errors + result.timeouts,
    statuses,
  };
});
