import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Client } from 'pg';

import { BackupManifest, MANIFEST } from './backup-catalog';
import { CopiedFile, copyLiveDataFolder } from './data-folder-copy';
import { EmbeddedBackupFolders, stampOf } from './embedded-backup-folders';
import { writeLastBackup } from './last-backup-marker';

// pg_backup_stop waits until the backup's last segment is archived; an archive that fails would
// make it wait for ever.
const STOP_TIMEOUT = '120s';

/**
 * A base backup of the running embedded cluster by PostgreSQL's low-level API ("Making a Base
 * Backup Using the Low Level API"): pg_backup_start, a copy of the data folder, pg_backup_stop
 * in the same session, its backup_label written into the copy. With the archived WAL, it
 * restores to any time after it finished. Written as `<label>.partial` and renamed when whole.
 */
export async function takeBaseBackup(url: string, folders: EmbeddedBackupFolders): Promise<BackupManifest> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const label = stampOf(new Date());
  const partial = join(folders.backups, `${label}.partial`);
  try {
    await assertArchiving(client, folders.walArchive);
    await mkdir(folders.backups, { recursive: true, mode: 0o700 });
    const startedAt = new Date();
    // Fast: an immediate checkpoint, rather than one spread over checkpoint_timeout.
    const [{ lsn: startLsn }] = (await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true) AS lsn', [`evently ${label}`])).rows;
    const files = await copyLiveDataFolder(folders.cluster, join(partial, 'data'));
    const stop = await stopBackup(client);
    files.push(await writeInto(partial, 'backup_label', stop.labelfile));
    if (stop.spcmapfile) files.push(await writeInto(partial, 'tablespace_map', stop.spcmapfile));
    const [{ server_version: postgresVersion }] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
    const manifest: BackupManifest = {
      label,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      startLsn,
      stopLsn: stop.lsn,
      startWalFile: /START WAL LOCATION: .* \(file ([0-9A-F]{24})\)/.exec(stop.labelfile)![1],
      timeline: Number(/START TIMELINE: (\d+)/.exec(stop.labelfile)![1]),
      postgresVersion,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      files,
    };
    await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
    await rename(partial, join(folders.backups, label));
    await writeLastBackup(folders.lastBackupMarker, { finished_at: manifest.finishedAt, label, type: 'full', tool: 'evently' });
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    // Ending the session also ends a backup still in progress.
    await client.end();
  }
}

/** pg_backup_stop, its wait for the archive bounded (in a transaction of its own, as everything here). */
async function stopBackup(client: Client): Promise<{ lsn: string; labelfile: string; spcmapfile: string }> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = '${STOP_TIMEOUT}'`);
    const [stop] = (
      await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
        'SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(true)',
      )
    ).rows;
    await client.query('COMMIT');
    return stop;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function writeInto(backup: string, name: string, content: string): Promise<CopiedFile> {
  await writeFile(join(backup, 'data', name), content, { mode: 0o600 });
  return { path: name, bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * A backup is only as good as the archive after it. archive_mode is read at server start, so a
 * server started before archiving was switched on must be restarted first.
 */
async function assertArchiving(client: Client, walArchive: string): Promise<void> {
  const setting = async (name: string) =>
    (await client.query<{ setting: string }>(`SELECT current_setting($1) AS setting`, [name])).rows[0].setting;
  if ((await setting('archive_mode')) === 'off' || !(await setting('archive_command')).includes(walArchive.replace(/%/g, '%%'))) {
    throw new Error(
      `the running server does not archive its WAL into ${walArchive} (it was started before archiving was switched on): ` +
        'stop it (npm start) and start it again, then run the backup',
    );
  }
  const [archiver] = (
    await client.query<{ failing: boolean; last_failed_wal: string | null }>(
      `SELECT last_failed_time > COALESCE(last_archived_time, '-infinity') AS failing, last_failed_wal FROM pg_stat_archiver`,
    )
  ).rows;
  if (archiver.failing) {
    throw new Error(`archiving is failing (last failed: ${archiver.last_failed_wal}): read the server's log and fix it before backing up`);
  }
}
