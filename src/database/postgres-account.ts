import { execFile, spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

import { EmbeddedPostgresError, OR_USE_A_SERVER } from './embedded-postgres-error';

const run = promisify(execFile);
const NAME = 'postgres';

/** The unprivileged user the embedded PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

/** Undefined when we are not root: PostgreSQL then runs as us and reaches what we reach. */
export async function postgresAccount(): Promise<PostgresAccount | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const existing = await idsOf(NAME);
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', NAME]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `running as root, it needs an unprivileged user "${NAME}" to run as, and useradd failed (${(error as Error).message.trim()})`,
      `create that user (useradd --system ${NAME}), run as a user other than root, ${OR_USE_A_SERVER}`,
    );
  }
  return (await idsOf(NAME))!;
}

async function idsOf(name: string): Promise<PostgresAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return undefined;
  }
}

/**
 * Whether the account can reach `path` (search every folder on the way, and the path itself),
 * asked of the system as that account: exactly what PostgreSQL's processes will meet.
 */
export function canReach(account: PostgresAccount | undefined, path: string): boolean {
  if (!account) return true;
  return spawnSync('test', ['-x', path], { uid: account.uid, gid: account.gid }).status === 0;
}
