// The scale drill's machinery, all in the drill's temporary folder and on 127.0.0.1: Debian's
// PostgreSQL as a primary and a streaming replica (pg_basebackup -R), PgBouncer in transaction
// mode, HAProxy with deploy/haproxy.cfg, and a Redis. Everything started here is stopped by
// `stopAll`, which also runs when the drill exits for any reason.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join, resolve } from 'node:path';

import Redis from 'ioredis';

import { freePort } from '../../src/database/free-port';
import { ensureDebianTools, PG_BIN, postgresUser, track, trackCluster } from './debian-tools';
import { call, sleep, sql, Target, WORKDIR } from './harness';

const PGBOUNCER = '/usr/sbin/pgbouncer';
const HAPROXY = '/usr/sbin/haproxy';
const REDIS = '/usr/bin/redis-server';
const DEBIAN_PACKAGES: Record<string, string> = {
  [`${PG_BIN}/postgres`]: 'postgresql',
  [PGBOUNCER]: 'pgbouncer',
  [HAPROXY]: 'haproxy',
  [REDIS]: 'redis-server',
};

/**
 * The binaries the drill needs; when some are missing, apt-get installs them if we are root on
 * Debian. Returns what is still missing (the drill then skips, saying so).
 */
export function missingBinaries(): string[] {
  return ensureDebianTools(DEBIAN_PACKAGES);
}

function ownedFolder(name: string): string {
  const path = join(WORKDIR, name);
  mkdirSync(path, { recursive: true });
  const user = postgresUser();
  if (user) chownSync(path, user.uid, user.gid);
  return path;
}

function ownedFile(name: string): string {
  const path = join(WORKDIR, name);
  writeFileSync(path, '', { flag: 'a' });
  const user = postgresUser();
  if (user) chownSync(path, user.uid, user.gid);
  return path;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { ...postgresUser(), encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/** A long-running foreground process, its output in WORKDIR/<name>.log, killed by stopAll. */
function daemon(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; asPostgres?: boolean } = {},
): ChildProcess {
  const log = createWriteStream(join(WORKDIR, `${name}.log`));
  const child = spawn(command, args, {
    ...(options.asPostgres ? postgresUser() : {}),
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  track(child);
  return child;
}

async function waitForSql(url: string, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
    try {
      await sql(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not answer in 30 s`, { cause: error });
    }
  }
}

/** The same server's `postgres` database, which exists before `evently` does. */
function maintenanceUrl(url: string): string {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  return maintenance.toString();
}

export interface PostgresServer {
  url: string;
  dataDir: string;
  start(): Promise<void>;
  stop(): void;
}

function postgresServer(name: string, port: number, dataDir: string): PostgresServer {
  const url = `postgres://evently@127.0.0.1:${port}/evently`;
  // Throw-away clusters: no fsync; pg_stat_statements lets the drill see which server ran a query.
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c fsync=off',
    '-c max_connections=100',
    '-c shared_preload_libraries=pg_stat_statements',
  ].join(' ');
  return {
    url,
    dataDir,
    start: async () => {
      run(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-l', ownedFile(`${name}.log`), '-o', settings, '-w', '-t', '60', 'start']);
      trackCluster(dataDir);
      await waitForSql(maintenanceUrl(url), name);
    },
    stop: () => run(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
  };
}

/** A primary with the `evently` database, and a hot standby streaming from it. */
export async function startPrimaryAndReplica(): Promise<{ primary: PostgresServer; replica: PostgresServer }> {
  const primary = postgresServer('primary', await freePort(), join(ownedFolder('primary'), 'data'));
  // Trust on loopback only, in a throw-away cluster; initdb also lets loopback replicate.
  run(`${PG_BIN}/initdb`, ['-D', primary.dataDir, '-U', 'evently', '--auth=trust', '-E', 'UTF8']);
  await primary.start();
  await sql(maintenanceUrl(primary.url), 'CREATE DATABASE evently');
  await sql(primary.url, 'CREATE EXTENSION pg_stat_statements');

  const replica = postgresServer('replica', await freePort(), join(ownedFolder('replica'), 'data'));
  const primaryPort = new URL(primary.url).port;
  run(`${PG_BIN}/pg_basebackup`, [
    '-h',
    '127.0.0.1',
    '-p',
    primaryPort,
    '-U',
    'evently',
    '-D',
    replica.dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  await replica.start();
  return { primary, replica };
}

/** PgBouncer in transaction mode in front of the primary, `poolSize` server connections. */
export async function startPgBouncer(primaryUrl: string, poolSize: number): Promise<string> {
  const folder = ownedFolder('pgbouncer');
  const port = await freePort();
  const primary = new URL(primaryUrl);
  writeFileSync(join(folder, 'userlist.txt'), '"evently" ""\n');
  writeFileSync(
    join(folder, 'pgbouncer.ini'),
    [
      '[databases]',
      `evently = host=127.0.0.1 port=${primary.port} dbname=evently`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(folder, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      '',
    ].join('\n'),
  );
  daemon('pgbouncer', PGBOUNCER, [join(folder, 'pgbouncer.ini')], { asPostgres: true });
  const url = `postgres://evently@127.0.0.1:${port}/evently`;
  await waitForSql(url, 'PgBouncer');
  return url;
}

export interface Haproxy {
  /** HTTPS, verified against the CA of the certificate HAProxy was given. */
  https: Target;
  /** Plain HTTP, which only redirects. */
  http: string;
  httpsPort: number;
}

/**
 * HAProxy with deploy/haproxy.cfg in front of the three instances, TLS ending at it with
 * `certificate` (certificate and key in one PEM file); resolves once it answers over HTTPS with
 * each instance up.
 */
export async function startHaproxy(instances: string[], certificate: { pemFile: string; ca: Buffer }): Promise<Haproxy> {
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const [app1, app2, app3] = instances.map((base) => new URL(base).host);
  const env = {
    ...process.env,
    EVENTLY_LISTEN: `127.0.0.1:${httpPort}`,
    EVENTLY_LISTEN_TLS: `127.0.0.1:${httpsPort}`,
    EVENTLY_CERTIFICATE: certificate.pemFile,
    EVENTLY_HTTPS_PORT: String(httpsPort),
    EVENTLY_APP1: app1,
    EVENTLY_APP2: app2,
    EVENTLY_APP3: app3,
  };
  daemon('haproxy', HAPROXY, ['-f', resolve(__dirname, '../../deploy/haproxy.cfg')], { env });
  const https: Target = { base: `https://127.0.0.1:${httpsPort}`, agent: new Agent({ ca: certificate.ca, keepAlive: true }) };
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
    const answers = await Promise.all([1, 2, 3].map(() => call(https, 'GET', '/api/health/')));
    if (answers.every((answer) => answer.status === 200)) return { https, http: `http://127.0.0.1:${httpPort}`, httpsPort };
  }
  throw new Error('HAProxy did not answer over HTTPS in 30 s');
}

export async function startRedis(): Promise<string> {
  const url = `redis://127.0.0.1:${await freePort()}`;
  daemon('redis', REDIS, ['--bind', '127.0.0.1', '--port', new URL(url).port, '--save', '', '--appendonly', 'no']);
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // refused until the server listens
  try {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
      if (
        (await client.connect().then(
          () => client.ping(),
          () => undefined,
        )) === 'PONG'
      )
        return url;
    }
  } finally {
    client.disconnect();
  }
  throw new Error('Redis did not answer in 10 s');
}
