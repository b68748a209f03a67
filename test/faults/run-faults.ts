// `npm run test:faults`: the fault drills of issue 6 against the compiled app. Prints what it did
// and what it checked; exits non-zero if any check failed. Not part of `npm test` (about a minute).
import { request as httpRequest } from 'node:http';

import { Client } from 'pg';

import { freePort } from '../../src/database/free-port';
import {
  App,
  Buyer,
  call,
  check,
  checkBooksBalance,
  Database,
  finish,
  makeEvent,
  makeUsers,
  say,
  sleep,
  sql,
  startApp,
  startDatabase,
  storm,
  tally,
} from './harness';

const UNLIMITED = { AUTH_RATE_LIMIT_PER_MINUTE: '1000000', FAILED_LOGIN_LIMIT: '1000000', BOOKING_RATE_LIMIT_PER_MINUTE: '1000000' };
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const serverErrors = (statuses: number[]) => statuses.filter((status) => status >= 500 && status !== 503).length;

function book(app: App, buyers: Buyer[], events: string[], tickets = 1) {
  return call(app, 'POST', '/api/bookings/', {
    headers: { authorization: pick(buyers).auth },
    body: { event_id: pick(events), number_of_tickets: tickets },
  });
}

/** (a) PostgreSQL stopped under load, then started again; the app is not restarted. */
async function databaseOutage(app: App, db: Database, staff: Buyer, buyers: Buyer[]): Promise<void> {
  say('\n(a) PostgreSQL stopped mid-load, then started again');
  if (!db.restartable) return say('  skipped: a given PostgreSQL is not ours to stop (run without DATABASE_URL to drill this)');
  // Large enough not to sell out during the drill, so "books again" means recovered, not sold out.
  const events = [await makeEvent(app, staff, 100_000), await makeEvent(app, staff, 100_000)];
  const statuses: number[] = [];
  let loading = true;
  const load = Promise.all(
    Array.from({ length: 16 }, async () => {
      while (loading) statuses.push((await book(app, buyers, events)).status);
    }),
  );
  await sleep(1_000);
  await db.restartable.stop();
  say(`  stopped PostgreSQL after ${statuses.length} requests`);
  const health: number[] = [];
  for (let probe = 0; probe < 10; probe++, await sleep(200)) health.push((await call(app, 'GET', '/api/health/')).status);
  const duringOutage = statuses.length;
  await db.restartable.start();
  say('  started PostgreSQL again (same port, same data)');
  let recoveredAfterMs = -1;
  for (const started = Date.now(); Date.now() - started < 30_000; await sleep(200)) {
    if ((await call(app, 'GET', '/api/health/')).status === 200) {
      recoveredAfterMs = Date.now() - started;
      break;
    }
  }
  await sleep(1_000);
  loading = false;
  await load;
  say(`  requests tried: ${statuses.length} (${tally(statuses)})`);
  check('no 5xx but 503 during or after the outage', serverErrors(statuses) === 0, `${serverErrors(statuses)} seen`);
  check('requests in flight or sent while down got 503', statuses.slice(0, duringOutage).includes(503));
  check(
    '/api/health/ answered 503 while PostgreSQL was down',
    health.every((status) => status === 503),
    health.join(' '),
  );
  check(
    'the service recovered by itself, without a restart',
    recoveredAfterMs >= 0,
    `healthy ${recoveredAfterMs} ms after PostgreSQL started`,
  );
  check('bookings succeed again after recovery', (await book(app, buyers, events)).status === 201);
  await checkBooksBalance(db.url, '(a)');
}

/** (b) kill -9 in the middle of a booking storm, then a restart. */
async function killDuringStorm(app: App, db: Database, env: Record<string, string>, staff: Buyer, buyers: Buyer[]): Promise<App> {
  say('\n(b) the app killed with kill -9 mid booking storm, then restarted');
  const events = [await makeEvent(app, staff, 50), await makeEvent(app, staff, 50), await makeEvent(app, staff, 50)];
  let answered = 0;
  const answers = await storm(400, 40, async () => {
    const answer = await book(app, buyers, events, 1 + Math.floor(Math.random() * 3));
    if (++answered === 120) {
      app.process.kill('SIGKILL');
      say('  sent SIGKILL after 120 answers');
    }
    return answer;
  });
  say(`  requests tried: ${answers.length} (${tally(answers.map((answer) => answer.status))})`);
  check('no 5xx but 503 before the kill', serverErrors(answers.map((answer) => answer.status)) === 0);
  const restarted = await startApp('app-after-kill', env);
  say('  restarted the app');
  const [{ bookings }] = await sql<{ bookings: number }>(
    db.url,
    'SELECT count(*)::int AS bookings FROM bookings WHERE event_id = ANY($1)',
    [events],
  );
  const created = answers.filter((answer) => answer.status === 201).length;
  check(
    'every 201 answered is a booking in the database (some in flight may have committed unanswered)',
    bookings >= created,
    `${created} answered 201, ${bookings} stored`,
  );
  await checkBooksBalance(db.url, '(b)');
  check('the restarted app books', (await book(restarted, buyers, [await makeEvent(restarted, staff, 10)])).status === 201);
  return restarted;
}

/** A request on a new TCP connection: 'refused' once the server has stopped listening. */
function newConnectionStatus(app: App): Promise<number | 'refused'> {
  return new Promise((done) => {
    const probe = httpRequest(`${app.base}/api/health/`, { agent: false }, (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    });
    probe.on('error', () => done('refused'));
    probe.end();
  });
}

/** (c) SIGTERM with requests in flight: they finish, new connections are refused, the pool closes, the process exits. */
async function drainOnSigterm(app: App, db: Database, staff: Buyer, buyers: Buyer[]): Promise<void> {
  say('\n(c) SIGTERM drains in-flight requests and closes the pool before exit');
  // One event per request, so the per-event gate lets every one of them reach the lock.
  const events = [];
  for (let index = 0; index < 5; index++) events.push(await makeEvent(app, staff, 10));
  const holder = new Client({ connectionString: db.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT id FROM events WHERE id = ANY($1) FOR UPDATE', [events]);
  const inFlight = events.map((event) => book(app, buyers, [event]));
  for (let waited = 0; waited < 20; waited++, await sleep(100)) {
    const [{ waiting }] = await sql<{ waiting: number }>(
      db.url,
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    if (waiting === 5) break;
  }
  say('  5 bookings in flight, waiting for the event lock held by the drill; sending SIGTERM');
  app.process.kill('SIGTERM');
  await sleep(300);
  const duringDrain = await newConnectionStatus(app);
  await holder.query('ROLLBACK');
  await holder.end();
  const statuses = (await Promise.all(inFlight)).map((answer) => answer.status);
  const exit = await Promise.race([app.exited, sleep(15_000).then(() => 'still running')]);
  const [{ backends }] = await sql<{ backends: number }>(
    db.url,
    `SELECT count(*)::int AS backends FROM pg_stat_activity WHERE application_name = 'evently-drain'`,
  );
  check(
    'every in-flight request finished with 201 after SIGTERM',
    statuses.every((status) => status === 201),
    statuses.join(' '),
  );
  check('a new connection during the drain is refused', duringDrain === 'refused', String(duringDrain));
  check('the process exited by itself after draining', exit === 0 || exit === 'SIGTERM', `exit ${exit}`);
  check('no database connection of the app is left open', backends === 0, `${backends} left`);
  await checkBooksBalance(db.url, '(c)');
}

/** Login answers take as long for an unknown username as for a known one with a wrong password. */
async function loginTiming(app: App, db: Database, staff: Buyer): Promise<void> {
  say('\nLogin timing: a known user with a wrong password against an unknown user (40 each, interleaved)');
  const [{ username }] = await sql<{ username: string }>(db.url, 'SELECT username FROM users WHERE id = $1', [staff.userId]);
  const timings = { known: [] as number[], unknown: [] as number[] };
  for (let round = 0; round < 40; round++) {
    for (const [kind, name] of [
      ['known', username],
      ['unknown', `nobody-${round}`],
    ] as const) {
      const started = process.hrtime.bigint();
      await call(app, 'POST', '/api/auth/token/', { body: { username: name, password: 'not-the-password' } });
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const [known, unknown] = [median(timings.known), median(timings.unknown)];
  say(`  median known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
  check('unknown and known usernames answer within 25% of each other', Math.abs(known - unknown) <= 0.25 * Math.max(known, unknown));
}

/** (d) REDIS_URL set but nothing answers there: rate-limited routes 503, the rest works. */
async function redisUnreachable(db: Database, env: Record<string, string>, buyers: Buyer[]): Promise<void> {
  say('\n(d) Redis unreachable (REDIS_URL pointing at a port nothing listens on)');
  const app = await startApp('app-no-redis', { ...env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  try {
    const token = await call(app, 'POST', '/api/auth/token/', { body: { username: 'drill1', password: 'drill-password-1' } });
    const booking = await book(app, buyers, [await sql<{ id: string }>(db.url, 'SELECT id FROM events LIMIT 1').then(([row]) => row.id)]);
    const reads = [(await call(app, 'GET', '/api/events/')).status, (await call(app, 'GET', '/api/health/')).status];
    check(
      'rate-limited routes answer 503 with Retry-After (never 500)',
      token.status === 503 && booking.status === 503 && token.headers.get('retry-after') === '1',
      `token ${token.status}, booking ${booking.status}`,
    );
    check(
      'routes without a rate limit keep working',
      reads.every((status) => status === 200),
      reads.join(' '),
    );
  } finally {
    app.process.kill('SIGTERM');
    await app.exited;
  }
}

async function main(): Promise<void> {
  say('Evently fault drill: compiled app (node dist/main) as child processes, loopback only');
  const db = await startDatabase();
  say(`PostgreSQL: ${db.restartable ? 'embedded, started by this drill' : 'given by DATABASE_URL/TEST_DATABASE_URL'}`);
  const env = { DATABASE_URL: db.url, LOCK_TIMEOUT_MS: '3000', ...UNLIMITED };
  const apps: App[] = [];
  try {
    apps.push(await startApp('app', env));
    const { staff, buyers } = await makeUsers(apps[0], db.url, 20, 'drill');
    await databaseOutage(apps[0], db, staff, buyers);
    apps.push(await killDuringStorm(apps[0], db, env, staff, buyers));
    await loginTiming(apps[1], db, staff);
    apps[1].process.kill('SIGTERM');
    await apps[1].exited;
    const draining = await startApp('app-drain', { ...env, DATABASE_URL: withApplicationName(db.url, 'evently-drain') });
    apps.push(draining);
    await drainOnSigterm(draining, db, staff, buyers);
    await redisUnreachable(db, env, buyers);
  } finally {
    for (const app of apps) if (app.process.exitCode === null && app.process.signalCode === null) app.process.kill('SIGKILL');
    await db.close();
  }
  finish();
}

function withApplicationName(url: string, name: string): string {
  const withName = new URL(url);
  withName.searchParams.set('application_name', name);
  return withName.toString();
}

main().catch((error: Error) => {
  say(`drill aborted: ${error.stack}`);
  process.exit(2);
});
