import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { embeddedPostgresUrl, settingsToFlags } from '../embedded-postgres';
import { freePort } from '../free-port';
import { postgresAccount } from '../postgres-account';
import { postgresBinaries } from '../postgres-binaries';
import { startServer } from '../postgres-process';
import { BackupManifest, listBackups, pickBackupFor } from './backup-catalog';
import { copyBackupInto } from './data-folder-copy';
import { EmbeddedBackupFolders, stampOf } from './embedded-backup-folders';
import { restoreCommandFor, walArchivingSettings } from './wal-archiving';

// Replaying a day of archived WAL can take a while; the server says ready only once it is done.
const RECOVERY_TIMEOUT_MS = 30 * 60_000;

/** `2026-05-01 12:03:12.000+00`: recovery_target_time refuses the ISO 8601 `T...Z` form. */
export function postgresTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '+00');
}

export interface RestoredCluster {
  /** A data folder of its own: `<folder>/postgres`, `<folder>/wal-archive` (its new timeline's WAL). */
  folder: string;
  backup: BackupManifest;
  /** When the last transaction replayed had committed; undefined when the backup's own state was the target. */
  lastCommitAt?: Date;
  timeline: number;
}

/**
 * Restores the backup that precedes `target` into a new folder beside the live cluster (which
 * is never touched), replays the archived WAL up to `target` (or to its end, for `latest`) and
 * promotes the copy, so it starts as a primary on a new timeline. Every file is checked against
 * the backup's manifest on the way.
 */
export async function restoreToPointInTime(
  folders: EmbeddedBackupFolders,
  target: Date | 'latest',
  log: (line: string) => void,
): Promise<RestoredCluster> {
  const backup = pickBackupFor(listBackups(folders), target);
  const folder = join(folders.restores, stampOf(new Date()));
  let fatal: string | undefined;
  const watch = (line: string) => {
    if (line.includes('FATAL')) fatal ??= line.replace(/^.*FATAL:\s*/, '');
    log(line);
  };
  try {
    return await restoreInto(folder, backup, folders, target, watch);
  } catch (error) {
    // A restore that did not finish is of no use; the live cluster was never touched.
    rmSync(folder, { recursive: true, force: true });
    throw fatal ? new Error(`the recovery stopped: ${fatal}`) : error;
  }
}

async function restoreInto(
  folder: string,
  backup: BackupManifest,
  folders: EmbeddedBackupFolders,
  target: Date | 'latest',
  log: (line: string) => void,
): Promise<RestoredCluster> {
  const account = await postgresAccount();
  const cluster = join(folder, 'postgres');
  const ownArchive = join(folder, 'wal-archive');
  // The folders above the cluster stay searchable for the account PostgreSQL runs as.
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  mkdirSync(ownArchive, { mode: 0o700 });
  if (account) chownSync(ownArchive, account.uid, account.gid);
  await copyBackupInto(join(folders.backups, backup.label, 'data'), cluster, backup.files, account);
  writeFileSync(join(cluster, 'recovery.signal'), '', { mode: 0o600 });
  if (account) chownSync(join(cluster, 'recovery.signal'), account.uid, account.gid);

  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    restore_command: restoreCommandFor(folders.walArchive),
    recovery_target_action: 'promote',
    ...(target === 'latest' ? {} : { recovery_target_time: postgresTimestamp(target) }),
    // Its new timeline goes to an archive of its own: the live cluster's must not learn of a
    // timeline that may never be used, or its next restore to `latest` would follow it.
    ...walArchivingSettings(ownArchive),
  };
  const server = await startServer(
    { binaries: postgresBinaries(account), databaseDir: cluster, account, log },
    port,
    settingsToFlags(settings),
    RECOVERY_TIMEOUT_MS,
  );
  try {
    const client = new Client({ connectionString: embeddedPostgresUrl(port, 'postgres') });
    await client.connect();
    try {
      const [state] = (
        await client.query<{ in_recovery: boolean; last_commit_at: Date | null; timeline: number }>(
          `SELECT pg_is_in_recovery() AS in_recovery, pg_last_xact_replay_timestamp() AS last_commit_at,
                  ('x' || left(pg_walfile_name(pg_current_wal_lsn()), 8))::bit(32)::int AS timeline`,
        )
      ).rows;
      if (state.in_recovery) throw new Error('the restored cluster is still recovering; read its log lines above');
      return { folder, backup, lastCommitAt: state.last_commit_at ?? undefined, timeline: state.timeline };
    } finally {
      await client.end();
    }
  } finally {
    await server.stop();
  }
}
