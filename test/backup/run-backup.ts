// `npm run test:backup`: backups with point-in-time recovery, drilled (docs/operations.md). For
// the server deployment (Debian's PostgreSQL 15 and pgBackRest 2.45, installed by apt-get when
// run as root; skipped, saying so, where they cannot be had) and for the embedded default
// (npm run backup / restore): a backup, a storm through the real app, the books at an instant
// T, a staff mistake, a restore to T that must equal those books, and a `kill -9` of the primary
// followed by a restore to the end of the archive. Prints the figures; exits non-zero if any
// check failed. Bounded in time; cleans up even on failure.
import { stopAll } from '../faults/debian-tools';
import { finish, runDrill, say } from '../faults/harness';
import { missingBinaries } from './debian-postgres';
import { embeddedDrill } from './embedded-drill';
import { DrillFigures, serverDrill } from './server-drill';

const DEADLINE_MS = 5 * 60_000;
// Short, so the drill sees segments archived in seconds; deployments use 60 s (docs/operations.md).
const ARCHIVE_TIMEOUT_SECONDS = 3;

function figures(name: string, drill: DrillFigures): string {
  return (
    `${name}: backup ${(drill.backupBytes / 1e6).toFixed(1)} MB in ${drill.backupSeconds.toFixed(1)} s, ` +
    `restore to T ${drill.restoreSeconds.toFixed(1)} s, data lost after kill -9 ${drill.rpoSeconds.toFixed(1)} s ` +
    `(archive_timeout ${ARCHIVE_TIMEOUT_SECONDS} s)`
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  // Every server here is the drill's own.
  delete process.env.DATABASE_URL;
  say('Evently backup drill: pgBackRest on Debian PostgreSQL, and npm run backup / restore on the embedded one');
  const results: string[] = [];
  const missing = missingBinaries();
  if (missing.length) say(`\nServer deployment skipped: ${missing.join(', ')} not found (run as root on Debian to have them installed)`);
  else results.push(figures('pgBackRest', await serverDrill(ARCHIVE_TIMEOUT_SECONDS)));
  results.push(figures('embedded', await embeddedDrill(ARCHIVE_TIMEOUT_SECONDS)));
  say('\nFigures');
  for (const line of results) say(`  ${line}`);
  say(`  the drill took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  finish({ cleansUp: true });
}

runDrill(main, { deadlineMs: DEADLINE_MS, cleanUp: stopAll });
