// The server deployment's drill: Debian's PostgreSQL 15 and pgBackRest 2.45 with
// deploy/pgbackrest/pgbackrest.conf, the real app on it; full and differential backups, a
// restore to an instant T before a staff mistake, and a restore to the end of the archive after
// a `kill -9` of the primary.
import { postgresTimestamp } from '../../src/database/backup/point-in-time-restore';
import { track } from '../faults/debian-tools';
import { App, check, say, sleep, sql, startApp, tally } from '../faults/harness';
import { bookingsUntilStopped, Books, cancelEvent, differences, mixedStorm, openShop, quietWholeSecond, readBooks, sizeOf } from './books';
import { checkNothingArchivedIsLost } from './crash-figures';
import { Primary, startPrimary } from './debian-postgres';

export interface DrillFigures {
  backupBytes: number;
  backupSeconds: number;
  restoreSeconds: number;
  rpoSeconds: number;
}

const APP_SETTINGS = { BOOKING_RATE_LIMIT_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };

interface RepositoryListing {
  backup: { label: string; type: string; info: { size: number; repository: { delta: number } } }[];
  archive: { max: string | null }[];
}

const listingOf = (primary: Primary) => (JSON.parse(primary.pgbackrest(['info', '--output=json'])) as RepositoryListing[])[0];

function timed<T>(work: () => T): { result: T; seconds: number } {
  const started = Date.now();
  const result = work();
  return { result, seconds: (Date.now() - started) / 1000 };
}

export async function serverDrill(archiveTimeoutSeconds: number): Promise<DrillFigures> {
  say(
    `\nServer deployment: Debian PostgreSQL 15, pgBackRest 2.45, deploy/pgbackrest/pgbackrest.conf (archive_timeout ${archiveTimeoutSeconds} s)`,
  );
  const primary = await startPrimary(archiveTimeoutSeconds);
  const app = await startApp('server-app', { ...APP_SETTINGS, DATABASE_URL: primary.server.url });
  track(app.process);
  const shop = await openShop(app, primary.server.url, 'server_');

  const fullRun = timed(() => primary.pgbackrest(['backup', '--type=full']));
  const fullBackup = listingOf(primary).backup.at(-1)!;
  say(
    `  full backup ${fullBackup.label}: ${(fullBackup.info.size / 1e6).toFixed(1)} MB of data, ` +
      `${(fullBackup.info.repository.delta / 1e6).toFixed(1)} MB in the repository (zstd), ${fullRun.seconds.toFixed(1)} s`,
  );
  say(`  storm: ${tally(await mixedStorm(shop, 200))}`);
  const diffRun = timed(() => primary.pgbackrest(['backup', '--type=diff']));
  const diffBackup = listingOf(primary).backup.at(-1)!;
  check(
    'a differential backup after the storm',
    diffBackup.type === 'diff',
    `${diffBackup.label}: ${(diffBackup.info.repository.delta / 1e6).toFixed(1)} MB, ${diffRun.seconds.toFixed(1)} s`,
  );
  say(`  storm: ${tally(await mixedStorm(shop, 200))}`);

  const atT = await readBooks(primary.server.url);
  const t = await quietWholeSecond();
  say(`  T = ${t.toISOString()}: ${sizeOf(atT)}`);
  say(`  after T: ${tally(await mixedStorm(shop, 150))}`);
  const victim = shop.events[0];
  check("staff's mistake: an event cancelled with its bookings", (await cancelEvent(shop, victim)) === 200, victim);

  const restoreSeconds = await restoreToT(primary, t, atT);
  const rpoSeconds = await crashAndRestoreLatest(primary, app, shop, archiveTimeoutSeconds);
  return { backupBytes: fullBackup.info.size, backupSeconds: fullRun.seconds, restoreSeconds, rpoSeconds };
}

async function restoreToT(primary: Primary, t: Date, atT: Books): Promise<number> {
  // The WAL holding T must be archived before a restore can reach it.
  primary.pgbackrest(['check']);
  const started = Date.now();
  const restored = await primary.restore('restored-to-t', ['--type=time', `--target=${postgresTimestamp(t)}`, '--target-action=promote']);
  const seconds = (Date.now() - started) / 1000;
  const books = await readBooks(restored.url);
  check(
    `restored to T into a fresh cluster in ${seconds.toFixed(1)} s: the books equal those at T`,
    differences(atT, books) === '',
    differences(atT, books) || sizeOf(books),
  );
  restored.stop();
  return seconds;
}

async function crashAndRestoreLatest(
  primary: Primary,
  app: App,
  shop: Parameters<typeof bookingsUntilStopped>[0],
  archiveTimeoutSeconds: number,
) {
  const traffic = bookingsUntilStopped(shop, primary.server.url);
  await sleep((archiveTimeoutSeconds + 2) * 1000);
  const killedAt = Date.now();
  primary.server.kill();
  await traffic.stop();
  app.process.kill('SIGKILL');
  const lastArchivedSegment = listingOf(primary).archive[0].max ?? '';
  say(`  kill -9 of the primary after ${traffic.acknowledged.length} more bookings; the archive ends with ${lastArchivedSegment}`);
  const restored = await primary.restore('restored-latest', ['--type=default']);
  // Still running since its recovery: the time of the last transaction it replayed is known.
  const [{ last }] = await sql<{ last: Date | null }>(restored.url, 'SELECT pg_last_xact_replay_timestamp() AS last');
  const rpo = await checkNothingArchivedIsLost(
    'restored to the end of the archive',
    { url: restored.url, lastReplayedAt: last ?? undefined },
    {
      killedAt,
      acknowledged: traffic.acknowledged,
      samples: traffic.samples,
      lastArchivedSegment,
    },
  );
  restored.stop();
  return rpo;
}
