// The embedded default's drill: `npm run backup` and `npm run restore -- --to <time>|latest`, as
// a user runs them, against the embedded PostgreSQL under a DATA_DIR of the drill's own, with
// the real app on it.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { newestSegment } from '../../src/database/backup/wal-segments';
import { ensureEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { track } from '../faults/debian-tools';
import { check, say, sleep, sql, startApp, tally, WORKDIR } from '../faults/harness';
import { bookingsUntilStopped, cancelEvent, differences, mixedStorm, openShop, quietWholeSecond, readBooks, sizeOf } from './books';
import { checkNothingArchivedIsLost } from './crash-figures';
import { killTree } from './debian-postgres';
import { DrillFigures } from './server-drill';

const run = promisify(execFile);
const PROJECT = resolve(__dirname, '../..');
const APP_SETTINGS = { BOOKING_RATE_LIMIT_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };

/** `npm run <script> -- <args>` in the project, on the drill's DATA_DIR; resolves with what it printed and how long it took. */
async function npmRun(dataDir: string, script: string, args: string[] = []): Promise<{ output: string; seconds: number }> {
  const started = Date.now();
  const { stdout } = await run('npm', ['run', '--silent', script, '--', ...args], {
    cwd: PROJECT,
    env: { ...process.env, DATA_DIR: dataDir },
    timeout: 180_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`npm run ${script} failed: ${error.stdout ?? ''}${error.stderr ?? error.message}`);
  });
  return { output: stdout, seconds: (Date.now() - started) / 1000 };
}

/** Restores with `npm run restore`, starts the restored folder as the user would (DATA_DIR=...), and hands over its URL. */
async function restored<T>(dataDir: string, to: string, inspect: (url: string, output: string) => Promise<T>) {
  const { output, seconds } = await npmRun(dataDir, 'restore', ['--to', to]);
  const folder = /DATA_DIR=(\S+) npm start/.exec(output)?.[1];
  if (!folder) throw new Error(`npm run restore did not name its folder:\n${output}`);
  const server = await ensureEmbeddedPostgres({ dataDir: resolve(PROJECT, folder) });
  try {
    // Its own figure (from the copy to the promotion), and the command's with npm and ts-node's start.
    const restoreSeconds = Number(/ in ([\d.]+) s \(timeline/.exec(output)?.[1]);
    return { seconds: restoreSeconds, wallSeconds: seconds, result: await inspect(server.url, output) };
  } finally {
    await server.stop();
  }
}

/** Resolves once the segment holding everything committed so far is in the archive folder. */
async function archived(url: string, archive: string): Promise<void> {
  const [{ segment }] = await sql<{ segment: string }>(url, 'SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment');
  for (const deadline = Date.now() + 30_000; !existsSync(join(archive, segment)); await sleep(200)) {
    if (Date.now() > deadline) throw new Error(`${segment} was not archived within 30 s`);
  }
}

/** What `npm run restore` says of the last transaction it replayed. */
function replayedUpTo(output: string): Date | undefined {
  const at = /last transaction replayed committed at (\S+?)\.?$/m.exec(output)?.[1];
  return at ? new Date(at) : undefined;
}

export async function embeddedDrill(archiveTimeoutSeconds: number): Promise<DrillFigures> {
  say(`\nEmbedded default: npm run backup / npm run restore on the embedded PostgreSQL (archive_timeout ${archiveTimeoutSeconds} s)`);
  const dataDir = join(WORKDIR, 'embedded');
  const server = await ensureEmbeddedPostgres({ dataDir, settings: { archive_timeout: String(archiveTimeoutSeconds) } });
  // The app attaches to the server already running on its DATA_DIR, as a second `npm start` would.
  const app = await startApp('embedded-app', { ...APP_SETTINGS, DATA_DIR: dataDir });
  track(app.process);
  const shop = await openShop(app, server.url, 'embedded_');

  const backup = await npmRun(dataDir, 'backup');
  say(`  ${backup.output.split('\n')[0]}`);
  const backupBytes = Number(/\((\d+) bytes\)/.exec(backup.output)?.[1]);
  const backupSeconds = Number(/, ([\d.]+) s, into /.exec(backup.output)?.[1]);
  check(
    'npm run backup: a base backup of the running server',
    backupBytes > 0,
    `${backup.seconds.toFixed(1)} s with npm and ts-node's start`,
  );
  say(`  storm: ${tally(await mixedStorm(shop, 200))}`);
  const atT = await readBooks(server.url);
  const t = await quietWholeSecond();
  say(`  T = ${t.toISOString()}: ${sizeOf(atT)}`);
  say(`  after T: ${tally(await mixedStorm(shop, 150))}`);
  check("staff's mistake: an event cancelled with its bookings", (await cancelEvent(shop, shop.events[0])) === 200);
  // A restore to T needs the archive to hold what followed T: archive_timeout sends the mistake's
  // segment there within seconds (a minute in a deployment); wait for it as an operator would.
  await archived(server.url, join(dataDir, 'wal-archive'));

  const toT = await restored(dataDir, t.toISOString(), (url) => readBooks(url));
  check(
    `npm run restore -- --to ${t.toISOString()}: the books equal those at T`,
    differences(atT, toT.result) === '',
    differences(atT, toT.result) ||
      `${sizeOf(toT.result)}, ${toT.seconds.toFixed(1)} s; ${toT.wallSeconds.toFixed(1)} s with npm and ts-node's start`,
  );

  const traffic = bookingsUntilStopped(shop, server.url);
  await sleep((archiveTimeoutSeconds + 2) * 1000);
  const killedAt = Date.now();
  killTree(Number(readFileSync(join(server.databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]));
  await traffic.stop();
  app.process.kill('SIGKILL');
  const archive = join(dataDir, 'wal-archive');
  const lastArchivedSegment = newestSegment(readdirSync(archive)) ?? '';
  say(
    `  kill -9 of the embedded PostgreSQL after ${traffic.acknowledged.length} more bookings; the archive ends with ${lastArchivedSegment}`,
  );
  const latest = await restored(dataDir, 'latest', (url, output) =>
    checkNothingArchivedIsLost(
      'npm run restore -- --to latest',
      { url, lastReplayedAt: replayedUpTo(output) },
      {
        killedAt,
        acknowledged: traffic.acknowledged,
        samples: traffic.samples,
        lastArchivedSegment,
      },
    ),
  );
  return { backupBytes, backupSeconds, restoreSeconds: toT.seconds, rpoSeconds: latest.result };
}
