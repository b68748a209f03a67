import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { cannotCreateDataFolder, EmbeddedPostgresError, OR_USE_A_SERVER, reasonOf } from './embedded-postgres-error';
import { PostgresAccount } from './postgres-account';
import { PostgresBinaries } from './postgres-binaries';

const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;

export interface ClusterSettings {
  binaries: PostgresBinaries;
  databaseDir: string;
  account?: PostgresAccount;
  log: (line: string) => void;
}

/** initdb: a new cluster in `databaseDir`, owned by the account, with one password-protected superuser. */
export async function initialiseCluster(cluster: ClusterSettings, user: string, password: string): Promise<void> {
  const { databaseDir, account } = cluster;
  const passwordDir = mkdtempSync(join(tmpdir(), 'evently-pg-'));
  try {
    // The folders above stay searchable for the account; the cluster's own is private to it.
    mkdirSync(dirname(databaseDir), { recursive: true, mode: 0o755 });
    mkdirSync(databaseDir, { mode: 0o700 });
    const passwordFile = join(passwordDir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) for (const path of [databaseDir, passwordDir, passwordFile]) chownSync(path, account.uid, account.gid);
    const args = [`--pgdata=${databaseDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8'];
    const initdb = spawnAs(cluster, cluster.binaries.initdb, args);
    const lastWords = collectStderr(initdb, cluster.log);
    const code = await exitOf(initdb, cluster);
    if (code !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed in ${databaseDir} (${lastWords()})`,
        `delete ${databaseDir} if it holds a half-made cluster, set DATA_DIR to another folder, ${OR_USE_A_SERVER}`,
      );
    }
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw cannotCreateDataFolder(databaseDir, error);
  } finally {
    rmSync(passwordDir, { recursive: true, force: true });
  }
}

/** A running `postgres` child process; `stop()` shuts it down (fast: open sessions are ended). */
export interface ServerProcess {
  stop(): Promise<void>;
}

/**
 * Starts `postgres` and resolves once it accepts connections (after a recovery, once that has
 * ended); it stops when this process exits.
 */
export async function startServer(
  cluster: ClusterSettings,
  port: number,
  flags: string[],
  readyWithinMs = START_TIMEOUT_MS,
): Promise<ServerProcess> {
  const server = spawnAs(cluster, cluster.binaries.postgres, ['-D', cluster.databaseDir, '-p', String(port), ...flags]);
  const lastWords = collectStderr(server, cluster.log);
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: EmbeddedPostgresError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!error) return resolve();
      process.off('exit', stopOnExit);
      server.kill('SIGINT');
      reject(error);
    };
    const notStarted = (cause: string) =>
      new EmbeddedPostgresError(
        `PostgreSQL did not start in ${cluster.databaseDir} on port ${port} (${cause})`,
        `another server may be using that folder or port; ${OR_USE_A_SERVER}`,
      );
    const timer = setTimeout(() => settle(notStarted(`not ready after ${readyWithinMs / 1000} s`)), readyWithinMs);
    server.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes(READY) && settle());
    server.once('error', (error) => settle(spawnFailure(cluster, error)));
    server.once('exit', () => settle(notStarted(lastWords())));
  });
  // Running, it must not keep a finished command-line tool alive; 'exit' above stops it then.
  const stderr = server.stderr as unknown as { ref(): void; unref(): void };
  server.unref();
  stderr.unref();
  return {
    stop: async () => {
      process.off('exit', stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      // Waited for, so this process stays alive until the server is down.
      server.ref();
      stderr.ref();
      server.kill('SIGINT');
      await exited;
    },
  };
}

function spawnAs(cluster: ClusterSettings, binary: string, args: string[]): ChildProcess {
  const ids = cluster.account ? { uid: cluster.account.uid, gid: cluster.account.gid } : {};
  // English messages, since READY is looked for in them.
  return spawn(binary, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
}

/** Logs every stderr line and remembers the last few, which say why a process failed. */
function collectStderr(child: ChildProcess, log: (line: string) => void): () => string {
  let last: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = chunk
      .toString()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    lines.forEach(log);
    last = [...last, ...lines].slice(-3);
  });
  // A FATAL line says why; otherwise the last line that is not a heading such as "initdb: error:".
  return () => last.find((line) => line.includes('FATAL')) ?? last.filter((line) => !line.endsWith(':')).at(-1) ?? 'no output';
}

async function exitOf(child: ChildProcess, cluster: ClusterSettings): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(spawnFailure(cluster, error)));
    child.once('close', resolve);
  });
}

function spawnFailure(cluster: ClusterSettings, error: Error): EmbeddedPostgresError {
  const binary = (error as NodeJS.ErrnoException).path ?? 'PostgreSQL';
  const who = cluster.account ? `the "${cluster.account.name}" user` : 'this user';
  return new EmbeddedPostgresError(
    `cannot run ${binary} as ${who} (${reasonOf(error)})`,
    `let ${who} reach and execute it (chmod o+x on each folder above it; not on a noexec mount), ${OR_USE_A_SERVER}`,
  );
}
