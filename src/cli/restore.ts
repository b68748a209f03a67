// `npm run restore -- --to <time>|latest`: a point-in-time restore of the embedded PostgreSQL
// under DATA_DIR into a new folder beside it (docs/operations.md). The live data folder is never
// touched; the command says how to switch to the restored one.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

import { backupFoldersOf, stampOf } from '../database/backup/embedded-backup-folders';
import { restoreToPointInTime } from '../database/backup/point-in-time-restore';
import { embeddedClusterDir } from '../database/embedded-postgres';

const shown = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

/** `latest`, or a time: with a zone (`Z`, `+02:00`), or without one in this machine's local time. */
function parseTarget(text: string | undefined): Date | 'latest' {
  if (text === 'latest') return 'latest';
  const at = text ? new Date(/^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw new Error('--to takes `latest` or a time such as "2026-05-01 14:03:12" (local time) or 2026-05-01T12:03:12Z');
  }
  return at;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const target = parseTarget(values.to);
  const folders = backupFoldersOf(await embeddedClusterDir(process.env.DATA_DIR ?? '.data'));
  const started = Date.now();
  const serverLog: string[] = [];
  const restored = await restoreToPointInTime(folders, target, (line) => serverLog.push(line)).catch((error: unknown) => {
    console.error(serverLog.slice(-8).join('\n'));
    throw error;
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const folder = shown(restored.folder);
  const live = shown(folders.cluster);
  console.log(
    `Restored backup ${restored.backup.label} and the archived WAL ${target === 'latest' ? 'to its end' : `up to ${target.toISOString()}`} ` +
      `in ${seconds} s (timeline ${restored.timeline}); ` +
      (restored.lastCommitAt
        ? `the last transaction replayed committed at ${restored.lastCommitAt.toISOString()}.`
        : 'no transaction had committed after the backup.'),
  );
  console.log(`The restored data folder is ${folder}; the live one (${live}) is untouched.`);
  console.log('To switch to it, stop the server (npm start), then either start it on the restored folder:');
  console.log(`  DATA_DIR=${folder} npm start`);
  console.log('or keep DATA_DIR and swap the folders:');
  console.log(
    `  mv ${live} ${live}-before-${stampOf(new Date())} && mv ${folder}/postgres ${live} && cp -n ${folder}/wal-archive/* ${shown(folders.walArchive)}/`,
  );
  console.log('Then back it up (npm run backup, with the DATA_DIR it runs on), so the next restore starts from it.');
}

main().catch((error: unknown) => {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
});
