// Scenarios (f), (f2) and (g): the request path alone. How far Evently's cheapest authenticated
// route is from a NestJS route with nothing around it and from the runtime's floor, with the same
// client, connections and log level as the other scenarios.
import { AppServer, startBenchServer } from './app-server';
import { HttpLoad } from './http-load';
import { LoadResult } from './load-result';
import { Target } from './report';

export interface RequestPath {
  floor: LoadResult;
  hello: LoadResult;
  me: LoadResult;
}

export async function measureRequestPath(
  measure: (server: AppServer, load: Omit<HttpLoad, 'baseUrl'>) => Promise<LoadResult>,
  evently: AppServer,
  token: string,
  clients: number,
  seconds: number,
): Promise<RequestPath> {
  const reads = (scenario: string, path: string) => ({
    scenario,
    requests: [{ method: 'GET' as const, path }],
    tokens: [token],
    clients,
    seconds,
    expectedStatuses: [200],
  });
  const onBenchServer = async (file: string, scenario: string) => {
    const server = await startBenchServer(file);
    try {
      return await measure(server, reads(scenario, '/'));
    } finally {
      await server.stop();
    }
  };
  const floor = await onBenchServer('floor-server.ts', '(f) bare node:http answering {}');
  const hello = await onBenchServer('hello-server.ts', '(f2) NestJS hello route, nothing around it');
  // One buyer's key throughout, so every request after the first finds its owner in the token cache.
  const me = await measure(evently, reads('(g) GET /api/auth/me/, cached token', '/api/auth/me/'));
  return { floor, hello, me };
}

export function describeRequestPath({ floor, hello, me }: RequestPath, hot: LoadResult): string {
  const ratio = (over: LoadResult, under: LoadResult, names: string) =>
    `${names} = ${over.perSecond.toFixed(0)} / ${under.perSecond.toFixed(0)} = ${(over.perSecond / under.perSecond).toFixed(2)}`;
  return [ratio(me, hello, '(g) / (f2)'), ratio(hot, me, '(a) / (g)'), ratio(me, floor, '(g) / (f)')].join('; ');
}

/** Issue 14's targets for the request path; `reads` are the availability scenarios (c). */
export function requestPathTargets({ floor, hello, me }: RequestPath, hot: LoadResult | undefined, reads: LoadResult[]): Target[] {
  const atLeast = (overName: string, over: LoadResult, share: number, underName: string, under: LoadResult): Target => ({
    name: `${overName} at least ${share} of ${underName}`,
    value: (over.perSecond / under.perSecond).toFixed(2),
    met: over.perSecond >= share * under.perSecond,
  });
  return [
    atLeast('(g)', me, 0.4, '(f2)', hello),
    atLeast('(g)', me, 0.2, '(f)', floor),
    ...(hot ? [atLeast('(a)', hot, 0.5, '(g)', me)] : []),
    ...reads.map((read) => atLeast(read.scenario, read, 0.8, '(g)', me)),
  ];
}
