// A load generator child (see child-process.ts): autocannon against the running server.
import autocannon from 'autocannon';

import { serveOnce } from './child-process';
import { LoadResult } from './load-result';

export interface HttpLoad {
  scenario: string;
  baseUrl: string;
  /** Requests cycled through in order, one per request sent. */
  requests: { method: 'GET' | 'POST'; path: string; body?: object }[];
  /** API keys taken in turn, one per request, as thousands of distinct buyers would. */
  tokens: string[];
  clients: number;
  seconds: number;
  expectedStatuses: number[];
}

serveOnce<HttpLoad, LoadResult>(async (load) => {
  let sent = 0;
  const result = await autocannon({
    url: load.baseUrl,
    connections: load.clients,
    duration: load.seconds,
    requests: [
      {
        setupRequest: (request) => {
          const turn = sent++;
          const next = load.requests[turn % load.requests.length];
          return {
            ...request,
            method: next.method,
            path: next.path,
            body: next.body ? JSON.stringify(next.body) : undefined,
            headers: { 'content-type': 'application/json', authorization: `Token ${load.tokens[turn % load.tokens.length]}` },
          };
        },
      },
    ],
  });
  const statuses: Record<string, number> = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
  const expected = load.expectedStatuses.reduce((sum, status) => sum + (statuses[status] ?? 0), 0);
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    scenario: load.scenario,
    clients: load.clients,
    seconds: load.seconds,
    requests: answered,
    perSecond: answered / load.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: answered - expected + result.errors + result.timeouts,
    statuses,
  };
});
