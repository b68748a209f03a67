// The backup drill's servers, all in the drill's temporary folder on 127.0.0.1: Debian's
// PostgreSQL 15 clusters (initdb'd, or restored by pgBackRest) archiving with Debian's pgBackRest
// 2.45 and deploy/pgbackrest/pgbackrest.conf, of which only the paths and the port are
// overridden (PGBACKREST_* variables). `stopAll` stops them all, also when the drill exits.
import { spawnSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { freePort } from '../../src/database/free-port';
import { ensureDebianTools, PG_BIN, postgresUser, trackCluster } from '../faults/debian-tools';
import { sleep, sql, WORKDIR } from '../faults/harness';

const PGBACKREST = '/usr/bin/pgbackrest';
const DEBIAN_PACKAGES: Record<string, string> = { [`${PG_BIN}/postgres`]: 'postgresql', [PGBACKREST]: 'pgbackrest' };
export const STANZA = 'evently';

/** What is still missing after apt-get (as root on Debian) tried to install it. */
export function missingBinaries(): string[] {
  return ensureDebianTools(DEBIAN_PACKAGES);
}

export function ownedFolder(name: string): string {
  const path = join(WORKDIR, name);
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const user = postgresUser();
  if (user) chownSync(path, user.uid, user.gid);
  return path;
}

/** Where every cluster's socket is, and what pgBackRest is told beyond the deployment's file. */
const SOCKETS = ownedFolder('sockets');
const REPOSITORY = ownedFolder('pgbackrest-repo');
const CONFIG = join(WORKDIR, 'pgbackrest.conf');

function pgbackrestEnvironment(primary: { dataDir: string; port: number }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGBACKREST_CONFIG: CONFIG,
    PGBACKREST_REPO1_PATH: REPOSITORY,
    PGBACKREST_PG1_PATH: primary.dataDir,
    PGBACKREST_PG1_PORT: String(primary.port),
    PGBACKREST_PG1_SOCKET_PATH: SOCKETS,
    PGBACKREST_LOCK_PATH: ownedFolder('pgbackrest-lock'),
    LC_MESSAGES: 'C',
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { ...postgresUser(), env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export interface DebianCluster {
  name: string;
  dataDir: string;
  port: number;
  url: string;
  start(): Promise<void>;
  /** `kill -9` of the postmaster and every process under it, at once: the machine is gone. */
  kill(): void;
  stop(): void;
}

/**
 * A cluster on `port`. The primary archives with the deployment's archive_command, word for word
 * (docker-compose.yml); a restored copy does not (pgBackRest's --archive-mode=off), so its new
 * timeline never reaches the live stanza's archive. fsync is off: a killed primary's data folder
 * is never used again, only the archive is.
 */
function cluster(name: string, dataDir: string, port: number, env: NodeJS.ProcessEnv, archiveTimeoutSeconds?: number): DebianCluster {
  const archiving = archiveTimeoutSeconds
    ? [
        '-c archive_mode=on',
        `-c "archive_command=pgbackrest --stanza=${STANZA} archive-push %p"`,
        `-c archive_timeout=${archiveTimeoutSeconds}`,
      ]
    : [];
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${SOCKETS}`,
    '-c fsync=off',
    ...archiving,
  ].join(' ');
  return {
    name,
    dataDir,
    port,
    url: `postgres://evently@127.0.0.1:${port}/evently`,
    start: async () => {
      const log = join(WORKDIR, `${name}.log`);
      writeFileSync(log, '', { flag: 'a' });
      const user = postgresUser();
      if (user) chownSync(log, user.uid, user.gid);
      run(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-l', log, '-o', settings, '-w', '-t', '120', 'start'], env);
      trackCluster(dataDir);
      await waitUntilPrimary(`postgres://evently@127.0.0.1:${port}/postgres`, name);
    },
    kill: () => killTree(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])),
    stop: () => run(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
  };
}

/** Answers SQL and is out of recovery: a restored copy has replayed what it was asked to and was promoted. */
async function waitUntilPrimary(url: string, what: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; ; await sleep(100)) {
    try {
      const [row] = await sql<{ recovering: boolean }>(url, 'SELECT pg_is_in_recovery() AS recovering');
      if (!row.recovering) return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not answer as a primary in 120 s`, { cause: error });
    }
    if (Date.now() > deadline) throw new Error(`${what} still recovering after 120 s`);
  }
}

/** SIGKILL to a process and all its descendants, found in /proc, all at once. */
export function killTree(root: number): void {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ended meanwhile
    }
  }
}

export interface Primary {
  server: DebianCluster;
  /** Runs a pgBackRest command for the stanza, as the deployment's backup service does. */
  pgbackrest(args: string[]): string;
  /** pgBackRest restores the repository into a new cluster and starts it; resolves once it is promoted. */
  restore(name: string, args: string[]): Promise<DebianCluster>;
}

/** A primary with the `evently` database, archiving into a new pgBackRest repository whose stanza is created and checked. */
export async function startPrimary(archiveTimeoutSeconds: number): Promise<Primary> {
  copyFileSync(resolve(__dirname, '../../deploy/pgbackrest/pgbackrest.conf'), CONFIG);
  const dataDir = join(ownedFolder('primary'), 'data');
  const port = await freePort();
  const env = pgbackrestEnvironment({ dataDir, port });
  run(`${PG_BIN}/initdb`, ['-D', dataDir, '-U', 'evently', '--auth=trust', '-E', 'UTF8'], env);
  const server = cluster('primary', dataDir, port, env, archiveTimeoutSeconds);
  await server.start();
  await sql(`postgres://evently@127.0.0.1:${port}/postgres`, 'CREATE DATABASE evently');
  const pgbackrest = (args: string[]) => run(PGBACKREST, [`--stanza=${STANZA}`, ...args], env);
  pgbackrest(['stanza-create']);
  pgbackrest(['check']);
  return {
    server,
    pgbackrest,
    restore: async (name, args) => {
      const restored = join(ownedFolder(name), 'data');
      pgbackrest(['restore', `--pg1-path=${restored}`, '--archive-mode=off', ...args]);
      const copy = cluster(name, restored, await freePort(), env);
      await copy.start();
      return copy;
    },
  };
}
