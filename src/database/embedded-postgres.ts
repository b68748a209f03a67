import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { Client } from 'pg';

import { backupFoldersOf } from './backup/embedded-backup-folders';
import { walArchivingSettings } from './backup/wal-archiving';
import { cannotCreateDataFolder, EmbeddedPostgresError, OR_USE_A_SERVER, reasonOf } from './embedded-postgres-error';
import { freePort } from './free-port';
import { canReach, PostgresAccount, postgresAccount } from './postgres-account';
import { postgresBinaries, SHARED_FOLDER } from './postgres-binaries';
import { ClusterSettings, initialiseCluster, startServer } from './postgres-process';

const USER = 'evently';
const PASSWORD = 'evently';
const DATABASE = 'evently';

export interface RunningPostgres {
  url: string;
  /** The cluster's folder: `<dataDir>/postgres`, or under /var/lib/evently when the account cannot reach that. */
  databaseDir: string;
  /** Stops the server if this process started it; a no-op when it attached to one already running. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Extra `postgres -c` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
  /** False: the cluster's folder is deleted when it stops (throw-away test clusters). */
  persistent?: boolean;
  /** A fixed port, so a server stopped and started again is found where it was (fault drills). */
  port?: number;
  log?: (line: string) => void;
  /**
   * Copy each completed WAL segment into `<data folder>/wal-archive`, which backups and
   * point-in-time restores need (`npm run backup`); default: for persistent clusters. A server
   * reads this at start, so one already running keeps what it was started with.
   */
  archiveWal?: boolean;
}

/**
 * Starts the embedded PostgreSQL kept in `<dataDir>/postgres` (binaries from the
 * `embedded-postgres` package), or attaches to the one already serving that folder (the API
 * server while `createsuperuser` or a migration runs). As root it runs as the unprivileged
 * `postgres` user; when that user cannot reach the project folder (a clone under /root), the
 * binaries and the cluster live under /var/lib/evently instead. Every failure is an
 * EmbeddedPostgresError: one line with the cause and the fix.
 */
export async function ensureEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const account = await postgresAccount();
  const binaries = postgresBinaries(account);
  const databaseDir = clusterFolder(options.dataDir, account);
  const runningPort = portOfRunningServer(databaseDir);
  if (runningPort) return { url: embeddedPostgresUrl(runningPort), databaseDir, stop: async () => undefined };

  // 5432 may belong to a system PostgreSQL, so the embedded one always takes a free port.
  const port = options.port ?? (await freePort());
  const cluster: ClusterSettings = { binaries, databaseDir, account, log: options.log ?? (() => undefined) };
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await initialiseCluster(cluster, USER, PASSWORD);
  const archiving = (options.archiveWal ?? options.persistent !== false) ? walArchiveOf(databaseDir, account) : {};
  const server = await startServer(cluster, port, settingsToFlags({ listen_addresses: '127.0.0.1', ...archiving, ...options.settings }));
  const stop = async () => {
    await server.stop();
    if (options.persistent === false) rmSync(databaseDir, { recursive: true, force: true });
  };
  try {
    await createDatabaseIfMissing(port);
  } catch (error) {
    await stop();
    throw new EmbeddedPostgresError(
      `it started but took no connection (${reasonOf(error)})`,
      `read the lines logged before this one, ${OR_USE_A_SERVER}`,
    );
  }
  return { url: embeddedPostgresUrl(port), databaseDir, stop };
}

/** Where the embedded cluster of `dataDir` lives (or would), without starting it: for restores. */
export async function embeddedClusterDir(dataDir: string): Promise<string> {
  return clusterFolder(dataDir, await postgresAccount());
}

/**
 * `<dataDir>/postgres` when the account can reach `dataDir`; else a folder of its own under
 * /var/lib/evently, named after `dataDir` so each checkout keeps its own cluster.
 */
function clusterFolder(dataDir: string, account: PostgresAccount | undefined): string {
  const folder = resolve(dataDir);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw cannotCreateDataFolder(folder, error);
  }
  if (canReach(account, folder)) return join(folder, 'postgres');
  const id = createHash('sha256').update(folder).digest('hex').slice(0, 12);
  return join(SHARED_FOLDER, 'clusters', `${basename(resolve(folder, '..'))}-${id}`, 'postgres');
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
  const client = new Client({ connectionString: embeddedPostgresUrl(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The archive folder, made and given to the account the server runs as, and the settings that fill it. */
function walArchiveOf(databaseDir: string, account: PostgresAccount | undefined): Record<string, string> {
  const { walArchive } = backupFoldersOf(databaseDir);
  mkdirSync(walArchive, { recursive: true, mode: 0o700 });
  if (account) chownSync(walArchive, account.uid, account.gid);
  return walArchivingSettings(walArchive);
}

/** The embedded cluster's superuser connection on `port` (a restored copy has the same account). */
export function embeddedPostgresUrl(port: number, database = DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export function settingsToFlags(settings: Record<string, string>): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
