import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { CopiedFile } from './data-folder-copy';
import { EmbeddedBackupFolders } from './embedded-backup-folders';
import { archiveFilesBefore } from './wal-segments';

/** `backup.json` beside a backup's `data` folder: what it is, and every file with its checksum. */
export interface BackupManifest {
  label: string;
  startedAt: string;
  /** When pg_backup_stop returned: the backup can restore to any time from here on. */
  finishedAt: string;
  startLsn: string;
  stopLsn: string;
  /** The first archived segment a restore of this backup reads. */
  startWalFile: string;
  timeline: number;
  postgresVersion: string;
  bytes: number;
  files: CopiedFile[];
}

export const MANIFEST = 'backup.json';

/** Finished backups, oldest first; one still being written (`<label>.partial`) is not listed. */
export function listBackups(folders: EmbeddedBackupFolders): BackupManifest[] {
  if (!existsSync(folders.backups)) return [];
  return readdirSync(folders.backups)
    .filter((name) => !name.endsWith('.partial') && existsSync(join(folders.backups, name, MANIFEST)))
    .map((name) => JSON.parse(readFileSync(join(folders.backups, name, MANIFEST), 'utf8')) as BackupManifest)
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
}

/** The backup to restore `target` from: the newest finished by then (the newest of all for `latest`). */
export function pickBackupFor(backups: BackupManifest[], target: Date | 'latest'): BackupManifest {
  if (!backups.length) throw new Error('there is no backup yet: run `npm run backup` first');
  if (target === 'latest') return backups.at(-1)!;
  const usable = backups.filter((backup) => new Date(backup.finishedAt) <= target);
  if (!usable.length) {
    throw new Error(`no backup had finished by ${target.toISOString()}: the oldest kept finished at ${backups[0].finishedAt}`);
  }
  return usable.at(-1)!;
}

export interface Pruned {
  backups: string[];
  walFiles: number;
}

/**
 * Keeps the newest `keep` backups and the archived WAL they need (from the oldest kept one's
 * first segment on); removes older backups and segments. Restores can then reach any time from
 * the oldest kept backup's end to the newest archived segment.
 */
export function pruneBackups(folders: EmbeddedBackupFolders, keep: number): Pruned {
  const backups = listBackups(folders);
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const backup of removed) rmSync(join(folders.backups, backup.label), { recursive: true, force: true });
  const oldestKept = backups[removed.length];
  if (!oldestKept || !existsSync(folders.walArchive)) return { backups: removed.map((backup) => backup.label), walFiles: 0 };
  const unneeded = archiveFilesBefore(readdirSync(folders.walArchive), oldestKept.startWalFile);
  for (const name of unneeded) rmSync(join(folders.walArchive, name), { force: true });
  return { backups: removed.map((backup) => backup.label), walFiles: unneeded.length };
}
