// `npm run backup [-- --keep N]`: a base backup of the embedded PostgreSQL under DATA_DIR
// (docs/operations.md), whether the server is running (it attaches) or not (it starts it for
// the backup). Keeps the newest N backups (3) and the archived WAL they need.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

import { pruneBackups } from '../database/backup/backup-catalog';
import { takeBaseBackup } from '../database/backup/base-backup';
import { backupFoldersOf } from '../database/backup/embedded-backup-folders';
import { ensureEmbeddedPostgres } from '../database/embedded-postgres';

const shown = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keep: { type: 'string', default: '3' } } });
  const keep = Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new Error('--keep must be a whole number of backups, 1 or more');
  if (process.env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is set: this backs up the embedded PostgreSQL only; back a server up with pgBackRest (docs/operations.md)',
    );
  }
  const started = Date.now();
  const server = await ensureEmbeddedPostgres({ dataDir: process.env.DATA_DIR ?? '.data' });
  try {
    const folders = backupFoldersOf(server.databaseDir);
    const backup = await takeBaseBackup(server.url, folders);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Backup ${backup.label}: ${(backup.bytes / 1e6).toFixed(1)} MB (${backup.bytes} bytes) in ${backup.files.length} files, ` +
        `${seconds.toFixed(1)} s, into ${shown(folders.backups)}/${backup.label}`,
    );
    console.log(`It restores to any time from ${backup.finishedAt} on, with the WAL archived in ${shown(folders.walArchive)}.`);
    const pruned = pruneBackups(folders, keep);
    if (pruned.backups.length || pruned.walFiles) {
      console.log(`Kept the newest ${keep}: removed ${pruned.backups.length} older backups and ${pruned.walFiles} archived WAL files.`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
