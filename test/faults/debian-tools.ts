// What the drills that start Debian's own servers (PostgreSQL, PgBouncer, HAProxy, pgBackRest,
// podman) need of the machine: the binaries, installed with apt-get when we are root on Debian,
// the unprivileged user those servers run as, and stopping all of them when the drill ends.
import { ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

import { say, WORKDIR } from './harness';

/** Debian's PostgreSQL 15 binaries. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const children: ChildProcess[] = [];
const clusters: string[] = [];

export function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the Debian packages of the missing binaries (`tools`: binary path -> package) when we
 * are root with apt-get; returns the binaries still missing (the drill then skips, saying so).
 */
export function ensureDebianTools(tools: Record<string, string>): string[] {
  const missing = () => Object.keys(tools).filter((path) => !executable(path));
  if (missing().length && userInfo().uid === 0 && executable('/usr/bin/apt-get')) {
    const packages = [...new Set(missing().map((path) => tools[path]))];
    say(`installing ${packages.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'ignore', env });
  }
  return missing();
}

/** PostgreSQL, PgBouncer and pgBackRest refuse to run as root: as root, they run as the `postgres` user. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
  return { uid, gid };
}

/** A process the drill started (a server, an app instance): killed by stopAll. */
export function track(child: ChildProcess): void {
  children.push(child);
}

/** A PostgreSQL cluster the drill started: stopped by stopAll. */
export function trackCluster(dataDir: string): void {
  clusters.push(dataDir);
}

/**
 * Stops every process and cluster the drill started first (so a problem with the logs cannot
 * leave one behind), then prints the end of each log in WORKDIR when the drill failed, and removes
 * WORKDIR. Synchronous, so it can run on exit.
 */
export function stopAll(exitCode: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dataDir of clusters)
    spawnSync(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-m', 'immediate', 'stop'], { ...postgresUser(), stdio: 'ignore' });
  try {
    if (exitCode !== 0) printLogTails();
  } finally {
    rmSync(WORKDIR, { recursive: true, force: true });
  }
}

function printLogTails(): void {
  if (!existsSync(WORKDIR)) return;
  for (const file of readdirSync(WORKDIR).filter((name) => name.endsWith('.log'))) {
    const lines = readFileSync(join(WORKDIR, file), 'utf8').trimEnd().split('\n').slice(-15);
    say(`\n--- ${file} (last lines) ---\n${lines.join('\n')}`);
  }
}
