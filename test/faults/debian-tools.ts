// What the drills that start Debian's own servers (PostgreSQL, PgBouncer, HAProxy, pgBackRest,
// podman) need of the machine: the binaries, installed with apt-get when we are root on Debian,
// and the unprivileged user those servers run as.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';

import { say } from './harness';

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
