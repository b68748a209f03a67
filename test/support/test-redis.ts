import { connect } from 'node:net';

/** The Redis the tests may use: set by global-setup.ts, empty when there is none. */
export const REDIS_URL_VARIABLE = 'EVENTLY_TEST_REDIS_URL';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/**
 * TEST_REDIS_URL when given (then a Redis is required), else the default address if something
 * listens there, else none: `npm test` needs nothing but Node, and the Redis specs say they skipped.
 */
export async function findTestRedis(): Promise<string> {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  const { hostname, port } = new URL(DEFAULT_REDIS);
  return (await isListening(hostname, Number(port))) ? DEFAULT_REDIS : '';
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const settle = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
}
