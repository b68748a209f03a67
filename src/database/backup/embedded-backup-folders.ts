import { dirname, join } from 'node:path';

/**
 * Where the embedded cluster's backups live: beside its `postgres` folder, in the data folder
 * (`.data/` by default, or its own folder under /var/lib/evently when the `postgres` user cannot
 * reach DATA_DIR). The archive and the backups are on the cluster's disk: copy them elsewhere
 * to survive losing that disk (docs/operations.md).
 */
export interface EmbeddedBackupFolders {
  /** The live cluster, never written by a backup or a restore. */
  cluster: string;
  /** Every WAL segment the cluster completed, copied there by its archive_command. */
  walArchive: string;
  /** One folder per base backup: `<label>/data` and `<label>/backup.json`. */
  backups: string;
  /** What the last successful backup was, for /metrics. */
  lastBackupMarker: string;
  /** One folder per restore, each a data folder of its own (`<stamp>/postgres`). */
  restores: string;
}

export function backupFoldersOf(clusterDir: string): EmbeddedBackupFolders {
  const dataFolder = dirname(clusterDir);
  const backups = join(dataFolder, 'backups');
  return {
    cluster: clusterDir,
    walArchive: join(dataFolder, 'wal-archive'),
    backups,
    lastBackupMarker: join(backups, 'last-backup.json'),
    restores: join(dataFolder, 'restores'),
  };
}

/** `20260501T140312Z`: sorts by time, safe in a file name. */
export function stampOf(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}
