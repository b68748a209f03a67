import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chown, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { PostgresAccount } from '../postgres-account';

/** One file of a backup, as its manifest lists it. */
export interface CopiedFile {
  path: string;
  bytes: number;
  sha256: string;
}

// What PostgreSQL's documentation says a file-system backup may leave out ("Backing Up the Data
// Directory"): files of the running server, and folders it empties or rebuilds at start. pg_wal
// is left empty too: the archive holds every segment the backup needs.
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'postgresql.auto.conf.tmp',
  'current_logfiles.tmp',
  'pg_internal.init',
]);
const EMPTIED_FOLDERS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

const vanished = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Copies the data folder of a running cluster (between pg_backup_start and pg_backup_stop):
 * files dropped while it runs are skipped, and a file caught mid-write is fine, since recovery
 * replays the WAL over it. Resolves with every file copied and its checksum.
 */
export async function copyLiveDataFolder(source: string, target: string): Promise<CopiedFile[]> {
  const tablespaces = await readdir(join(source, 'pg_tblspc'));
  if (tablespaces.length) throw new Error(`tablespaces (${tablespaces.join(', ')}) are not supported by this backup; use pgBackRest`);
  const copied: CopiedFile[] = [];
  await copyFolder(source, target, '', copied);
  await mkdir(join(target, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
  return copied;
}

async function copyFolder(sourceRoot: string, targetRoot: string, relative: string, copied: CopiedFile[]): Promise<void> {
  await mkdir(join(targetRoot, relative), { recursive: true, mode: 0o700 });
  if (EMPTIED_FOLDERS.has(relative)) return;
  let entries: string[];
  try {
    entries = await readdir(join(sourceRoot, relative));
  } catch (error) {
    if (vanished(error)) return;
    throw error;
  }
  for (const name of entries.sort()) {
    if (SKIPPED_FILES.has(name) || name.startsWith('pgsql_tmp')) continue;
    const path = relative ? join(relative, name) : name;
    const kind = await lstat(join(sourceRoot, path)).catch((error: unknown) => (vanished(error) ? undefined : Promise.reject(error)));
    if (!kind) continue;
    if (kind.isDirectory()) await copyFolder(sourceRoot, targetRoot, path, copied);
    else if (kind.isFile()) {
      const file = await copyFile(join(sourceRoot, path), join(targetRoot, path)).catch((error: unknown) =>
        vanished(error) ? undefined : Promise.reject(error),
      );
      if (file) copied.push({ path, ...file });
    }
  }
}

/** Copies one file, hashing what it copies. */
export async function copyFile(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { mode: 0o600 }));
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Copies a backup's data folder into a new one, checking each file against the manifest, and
 * hands it to the account PostgreSQL runs as. A damaged or incomplete backup stops the restore.
 */
export async function copyBackupInto(source: string, target: string, files: CopiedFile[], account?: PostgresAccount): Promise<void> {
  const expected = new Map(files.map((file) => [file.path, file.sha256]));
  const copied = new Set<string>();
  const visit = async (relative: string): Promise<void> => {
    const folder = join(target, relative);
    await mkdir(folder, { mode: 0o700 });
    if (account) await chown(folder, account.uid, account.gid);
    for (const entry of await readdir(join(source, relative), { withFileTypes: true })) {
      const path = relative ? join(relative, entry.name) : entry.name;
      if (entry.isDirectory()) {
        await visit(path);
        continue;
      }
      const copy = await copyFile(join(source, path), join(target, path));
      if (account) await chown(join(target, path), account.uid, account.gid);
      if (expected.get(path) !== copy.sha256) throw new Error(`the backup is damaged: ${path} is not what was backed up`);
      copied.add(path);
    }
  };
  await visit('');
  const missing = files.find((file) => !copied.has(file.path));
  if (missing) throw new Error(`the backup is incomplete: ${missing.path} is missing`);
}
