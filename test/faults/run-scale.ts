// `npm run test:scale`: Evently scaled out on one machine with Debian's PostgreSQL, PgBouncer and
// HAProxy (docs/scaling.md): three instances behind HAProxy through a PgBouncer pool of 4, reads
// on a streaming replica, caches shared through Redis. Prints what it did and checked, with its
// figures; exits non-zero if any check failed. Bounded in time; cleans up even on failure.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { connect } from 'node:tls';

import { makeServerCertificate, ServerCertificate } from '../support/certificates';
import { stopAll, track } from './debian-tools';
import {
  Answer,
  App,
  Buyer,
  call,
  check,
  finish,
  ledger,
  makeEvent,
  makeUsers,
  runDrill,
  say,
  sleep,
  sql,
  startApp,
  storm,
  tally,
  Target,
  WORKDIR,
} from './harness';
import {
  Haproxy,
  missingBinaries,
  PostgresServer,
  startHaproxy,
  startPgBouncer,
  startPrimaryAndReplica,
  startRedis,
} from './scale-cluster';

const DEADLINE_MS = 6 * 60_000;
const AUTH_BUDGET = 120;
const FAILED_LOGIN_LIMIT = 5;
const POOL_SIZE = 4;
const ANALYTICS_QUERY = '%FROM booking_rejections%';

interface Cluster {
  primary: PostgresServer;
  replica: PostgresServer;
  apps: App[];
  /** HAProxy in front of the three instances. */
  proxy: Target;
  staff: Buyer;
  buyers: Buyer[];
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const servedBy = (answer: Answer) => answer.headers.get('x-served-by');

function book(proxy: Target, buyer: Buyer, eventId: string, tickets = 1): Promise<Answer> {
  return call(proxy, 'POST', '/api/bookings/', {
    headers: { authorization: buyer.auth },
    body: { event_id: eventId, number_of_tickets: tickets },
  });
}

/** Calls of the analytics summary's statement that `server` ran, from its pg_stat_statements. */
async function analyticsCalls(server: PostgresServer): Promise<number> {
  const [row] = await sql<{ calls: number }>(
    server.url,
    `SELECT COALESCE(sum(calls), 0)::int AS calls FROM pg_stat_statements WHERE query LIKE $1`,
    [ANALYTICS_QUERY],
  );
  return row.calls;
}

async function healthOf(app: Target): Promise<Record<string, unknown>> {
  return (await call(app, 'GET', '/api/health/')).body;
}

async function waitForHealth(apps: Target[], status: string, seconds: number): Promise<boolean> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(200)) {
    if ((await Promise.all(apps.map(healthOf))).every((health) => health.status === status)) return true;
  }
  return false;
}

/** (a) analytics on the replica; history read-your-writes through the balancer. */
async function replicaReads({ primary, replica, apps, proxy, staff, buyers }: Cluster): Promise<void> {
  say('\n(a) reads on the replica, read-your-writes on the primary');
  check('every instance sees the replica up', await waitForHealth(apps, 'ok', 15), JSON.stringify(await healthOf(apps[0])));
  await Promise.all([primary, replica].map((server) => sql(server.url, 'SELECT pg_stat_statements_reset()')));
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => call(proxy, 'GET', '/api/analytics/summary/', { headers: { authorization: staff.auth } })),
  );
  const [onReplica, onPrimary] = [await analyticsCalls(replica), await analyticsCalls(primary)];
  check(
    '20 analytics summaries through HAProxy, all answered by the replica (its pg_stat_statements)',
    answers.every((answer) => answer.status === 200) && onReplica === 20 && onPrimary === 0,
    `replica ran it ${onReplica} times, the primary ${onPrimary}`,
  );

  const event = await makeEvent(proxy, staff, 1_000);
  let seen = 0;
  let missingOnReplica = 0;
  for (let attempt = 0; attempt < 200; attempt++) {
    const buyer = buyers[attempt % buyers.length];
    const booked = await book(proxy, buyer, event);
    // What a replica would have answered at the same moment: why history stays on the primary.
    const [rows, history] = await Promise.all([
      sql(replica.url, 'SELECT 1 FROM bookings WHERE id = $1', [booked.body.booking_id]),
      call(proxy, 'GET', `/api/users/${buyer.userId}/bookings/?page_size=1`, { headers: { authorization: buyer.auth } }),
    ]);
    if (!rows.length) missingOnReplica++;
    const results = (history.body.results ?? []) as { booking_id: string }[];
    if (booked.status === 201 && results[0]?.booking_id === booked.body.booking_id) seen++;
  }
  check('history shows the booking made just before it', seen === 200, `${seen} of 200`);
  say(`  the replica, asked at the same moment, lacked the booking ${missingOnReplica} of 200 times`);
}

/** (b) a storm on three hot events: each event served by one instance; nothing oversold. */
async function affinityStorm({ primary, apps, proxy, staff, buyers }: Cluster): Promise<void> {
  say(`\n(b) storm through HAProxy on 3 hot events of 60 seats, three instances, PgBouncer pool of ${POOL_SIZE}`);
  const events = [await makeEvent(proxy, staff, 60), await makeEvent(proxy, staff, 60), await makeEvent(proxy, staff, 60)];
  const served = new Map<string, Set<string>>(events.map((event) => [event, new Set()]));
  const { answers } = await measuredStorm(primary, '3 events of 60 seats through HAProxy', async () => {
    const event = pick(events);
    const answer = await book(proxy, pick(buyers), event, 1 + Math.floor(Math.random() * 2));
    served.get(event)!.add(servedBy(answer) ?? 'HAProxy');
    return answer;
  });
  say(`  served by: ${events.map((event) => `${event.slice(0, 8)} -> ${[...served.get(event)!].join('+')}`).join(', ')}`);
  check(
    "each event's bookings served by one instance",
    [...served.values()].every((names) => names.size === 1),
  );
  check(
    'no 5xx',
    answers.every((answer) => answer.status < 500),
  );
  await checkEvents(events, 'storm');

  // The capacity model's claim, measured: one event that does not sell out, its bookings in one
  // instance's line (affinity) or spread over three lines that meet at its row lock.
  say('  one event of 100,000 seats, 900 bookings of 1 ticket:');
  const hot = [await makeEvent(proxy, staff, 100_000), await makeEvent(proxy, staff, 100_000)];
  await measuredStorm(primary, 'through HAProxy (one instance)', () => book(proxy, pick(buyers), hot[0]));
  await measuredStorm(primary, 'spread over the three instances', (index) => book(apps[index % apps.length], pick(buyers), hot[1]));
  await checkEvents(hot, 'one event, with and without affinity');
}

/** 900 requests, 60 at a time, printing the rate and how many transactions waited on a row lock at once (sampled on the primary). */
async function measuredStorm(
  primary: PostgresServer,
  label: string,
  request: (index: number) => Promise<Answer>,
): Promise<{ answers: Answer[] }> {
  const waiting: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    for (; sampling; await sleep(20)) {
      const [row] = await sql<{ n: number }>(primary.url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
      waiting.push(row.n);
    }
  })();
  const started = Date.now();
  const answers = await storm(900, 60, request);
  const seconds = (Date.now() - started) / 1000;
  sampling = false;
  await sampler;
  const mean = waiting.reduce((sum, n) => sum + n, 0) / Math.max(1, waiting.length);
  say(
    `    ${label}: 900 requests, 60 at a time, in ${seconds.toFixed(1)} s (${Math.round(900 / seconds)} requests/s): ${tally(answers.map((answer) => answer.status))}; ` +
      `transactions waiting on a row lock: mean ${mean.toFixed(1)}, max ${Math.max(0, ...waiting)}`,
  );
  return { answers };
}

/** confirmed + available = capacity, nothing oversold, every booking with its audit row, for these events. */
async function checkEvents(events: string[], label: string): Promise<void> {
  const rows = (await ledgerOnPrimary()).filter((row) => events.includes(row.event_id));
  for (const row of rows)
    say(`    event ${row.event_id.slice(0, 8)}: capacity ${row.capacity}, confirmed ${row.confirmed}, available ${row.available}`);
  check(
    `${label}: nothing oversold, confirmed + available = capacity, every booking audited`,
    rows.length === events.length &&
      rows.every((row) => row.confirmed <= row.capacity && row.confirmed + row.available === row.capacity && row.bookings === row.audited),
  );
}

let ledgerOnPrimary: () => ReturnType<typeof ledger>;

/** (c) kill -9 of the instance serving a hot event, mid-storm. */
async function killMidStorm({ apps, proxy, staff, buyers }: Cluster): Promise<App> {
  say('\n(c) kill -9 of the instance serving a hot event, mid-storm');
  const events = [await makeEvent(proxy, staff, 100), await makeEvent(proxy, staff, 100), await makeEvent(proxy, staff, 100)];
  const hot = events[0];
  const victimName = servedBy(await book(proxy, buyers[0], hot));
  const victim = apps.find((app) => app.name === victimName)!;
  let dead = false;
  const sentAfterDeath: Answer[] = [];
  const answers = await storm(900, 60, async (index) => {
    if (index === 300) {
      victim.process.kill('SIGKILL');
      say(`  killed ${victimName} (pid ${victim.process.pid}) after 300 requests`);
      // Requests sent before the process is gone may still reach it: they are the in-flight ones.
      void victim.exited.then(() => (dead = true));
    }
    const event = pick(events);
    const sentAfter = dead;
    const answer = await book(proxy, pick(buyers), event);
    if (sentAfter && event === hot) sentAfterDeath.push(answer);
    return answer;
  });
  const statuses = answers.map((answer) => answer.status);
  // An instance's answers carry its name; HAProxy's 502 and a connection HAProxy closed do not.
  const lost = answers.filter((answer) => !servedBy(answer));
  const fromInstances = answers.filter((answer) => answer.status >= 500 && servedBy(answer));
  say(`  900 requests: ${tally(statuses)}`);
  check(
    'no 5xx from any instance; the requests lost were in flight on the killed one (at most one per client connection)',
    !fromInstances.length && lost.length <= 60,
    `${lost.length} lost: ${tally(lost.map((answer) => answer.status))}`,
  );
  const movedTo = new Set(sentAfterDeath.map(servedBy));
  check(
    `the hot event moved off ${victimName}: every booking of it sent once the process was gone answered by another instance`,
    sentAfterDeath.length > 0 && sentAfterDeath.every((answer) => servedBy(answer) && servedBy(answer) !== victimName),
    `${sentAfterDeath.length} answered by ${[...movedTo].join('+')}`,
  );
  await checkEvents(events, 'after the kill');
  return victim;
}

/** (d) a cancellation on one instance drops another instance's cached availability. */
async function sharedInvalidation([a, b]: App[], { staff, buyers }: Cluster): Promise<void> {
  say('\n(d) a cancellation on one instance drops the cached availability of another (Redis pub/sub)');
  const delays: number[] = [];
  for (let trial = 0; trial < 10; trial++) {
    const event = await makeEvent(a, staff, 10);
    const buyer = buyers[trial];
    const booked = await book(a, buyer, event, 2);
    await call(b, 'GET', `/api/events/${event}/availability/`); // cached on B for a minute
    await call(a, 'DELETE', `/api/bookings/${booked.body.booking_id}/`, { headers: { authorization: buyer.auth } });
    const cancelled = Date.now();
    let available = 8;
    while (available !== 10 && Date.now() - cancelled < 5_000) {
      available = Number((await call(b, 'GET', `/api/events/${event}/availability/`)).body.available_tickets);
    }
    delays.push(available === 10 ? Date.now() - cancelled : Infinity);
  }
  delays.sort((x, y) => x - y);
  check(
    `B shows the seats back within 100 ms of A's cancellation, 10 of 10 times`,
    delays[9] <= 100,
    `median ${delays[5]} ms, worst ${delays[9]} ms`,
  );
}

/** (e) the replica stopped: the replica reads go to the primary, health says degraded, nothing fails. */
async function replicaDown(live: App[], { primary, replica, proxy, staff }: Cluster): Promise<void> {
  say('\n(e) the replica stopped under reads');
  const event = await makeEvent(proxy, staff, 10);
  const reads = ['/api/analytics/summary/', '/api/events/', `/api/events/${event}/`, `/api/events/${event}/stats/`, '/api/audit/'];
  let reading = true;
  const statuses: number[] = [];
  const load = Promise.all(
    Array.from({ length: 8 }, async () => {
      while (reading) statuses.push((await call(proxy, 'GET', pick(reads), { headers: { authorization: staff.auth } })).status);
    }),
  );
  await sleep(500);
  await sql(primary.url, 'SELECT pg_stat_statements_reset()');
  replica.stop();
  say(`  stopped the replica after ${statuses.length} reads`);
  const degraded = await waitForHealth(live, 'degraded', 10);
  await sleep(1_000);
  reading = false;
  await load;
  const health = await healthOf(live[0]);
  check('health says degraded on every instance, naming the replica down', degraded, JSON.stringify(health.replicas));
  check(
    `every read answered 200 (${statuses.length} reads)`,
    statuses.every((status) => status === 200),
    tally(statuses),
  );
  check('the primary answered the analytics meanwhile', (await analyticsCalls(primary)) > 0);
  await replica.start();
  check('with the replica back, health says ok again', await waitForHealth(live, 'ok', 20));
}

/**
 * (f) TLS at HAProxy, and each client its own address behind it: two clients connecting from
 * 127.0.0.2 and 127.0.0.3 have their own failed-login lockouts and their own auth budgets, and an
 * X-Forwarded-For a client writes itself moves neither.
 */
async function tlsAndClientAddresses(haproxy: Haproxy, certificate: ServerCertificate): Promise<void> {
  say('\n(f) TLS at HAProxy; client addresses behind it');
  const socket = connect({ host: '127.0.0.1', port: haproxy.httpsPort, ca: certificate.ca, ALPNProtocols: ['h2', 'http/1.1'] });
  await once(socket, 'secureConnect');
  const presented = socket.getPeerX509Certificate();
  const { authorized, alpnProtocol } = socket;
  const protocol = socket.getProtocol();
  socket.destroy();
  check(
    "HTTPS with the stack's certificate, verified against its CA; TLS 1.2+, HTTP/2 offered by ALPN",
    authorized &&
      presented?.fingerprint256 === new X509Certificate(certificate.cert).fingerprint256 &&
      alpnProtocol === 'h2' &&
      /^TLSv1\.[23]$/.test(protocol ?? ''),
    `${protocol}, ALPN ${alpnProtocol}`,
  );

  const from = (address: string): Target => ({
    base: haproxy.https.base,
    agent: new https.Agent({ ca: certificate.ca, keepAlive: true, localAddress: address }),
  });
  const [a, b] = [from('127.0.0.2'), from('127.0.0.3')];
  const plain: Target = { base: haproxy.http, agent: new http.Agent({ localAddress: '127.0.0.2' }) };
  const redirected = await call(plain, 'POST', '/api/bookings/?from=http', { body: { event_id: 'x', number_of_tickets: 1 } });
  check(
    'plain HTTP is answered 308 (method kept) to the same path over HTTPS, without HSTS',
    redirected.status === 308 &&
      redirected.headers.get('location') === `https://127.0.0.1:${haproxy.httpsPort}/api/bookings/?from=http` &&
      !redirected.headers.get('strict-transport-security'),
    `${redirected.status} ${redirected.headers.get('location')}`,
  );

  const credentials = { username: `tls${Date.now().toString(36)}`, password: 'drill-password-1' };
  await call(a, 'POST', '/api/auth/register/', { body: credentials });
  const login = await call(a, 'POST', '/api/auth/login/', { body: credentials });
  const cookie = login.headers.getSetCookie().find((line) => line.startsWith('evently.sid=')) ?? '';
  check(
    'over HTTPS the session cookie is Secure (and HttpOnly), and HSTS is sent',
    login.status === 200 && /; Secure/.test(cookie) && /HttpOnly/.test(cookie) && Boolean(login.headers.get('strict-transport-security')),
    cookie.replace(/=[^;]+/, '=...'),
  );

  // A locks the account out for itself, writing B's address as its X-Forwarded-For all along.
  const token = (client: Target, password: string, forged?: string) =>
    call(client, 'POST', '/api/auth/token/', { body: { ...credentials, password }, headers: forged ? { 'x-forwarded-for': forged } : {} });
  const failures: number[] = [];
  for (let attempt = 0; attempt <= FAILED_LOGIN_LIMIT; attempt++) failures.push((await token(a, 'wrong-password', '127.0.0.3')).status);
  const [aRight, aForged, bRight] = [
    await token(a, credentials.password),
    await token(a, credentials.password, '127.0.0.9'),
    await token(b, credentials.password),
  ];
  check(
    `${FAILED_LOGIN_LIMIT} failed logins from 127.0.0.2 lock the account for 127.0.0.2 only, whatever X-Forwarded-For it writes; 127.0.0.3 logs in`,
    failures.at(-1) === 429 && aRight.status === 429 && aForged.status === 429 && bRight.status === 200,
    `127.0.0.2: ${failures.join(' ')}, right password ${aRight.status}, with X-Forwarded-For 127.0.0.9 ${aForged.status}; 127.0.0.3: ${bRight.status}`,
  );

  // A spends its whole auth budget (shared by the instances through Redis); B's is untouched.
  let spent = 0;
  for (; spent < AUTH_BUDGET * 2; spent++) {
    if ((await call(a, 'POST', '/api/auth/token/', { body: { username: `nobody${spent}`, password: 'wrong-password' } })).status === 429)
      break;
  }
  const [aAgain, aForgedAgain, bAgain] = [
    await call(a, 'POST', '/api/auth/token/', { body: { username: 'nobody', password: 'x' }, headers: { 'x-forwarded-for': '127.0.0.3' } }),
    await call(a, 'POST', '/api/auth/token/', {
      body: { username: 'nobody', password: 'x' },
      headers: { 'x-forwarded-for': '198.51.100.1' },
    }),
    await token(b, credentials.password),
  ];
  check(
    `127.0.0.2 runs out of its auth budget (${AUTH_BUDGET} a minute) alone: forged X-Forwarded-For still 429, 127.0.0.3 still served`,
    spent < AUTH_BUDGET * 2 && aAgain.status === 429 && aForgedAgain.status === 429 && bAgain.status === 200,
    `429 after ${spent} calls from 127.0.0.2 (plus the ${FAILED_LOGIN_LIMIT + 4} above); forged ${aAgain.status}, ${aForgedAgain.status}; 127.0.0.3: ${bAgain.status}`,
  );
}

async function main(): Promise<void> {
  say('Evently scale drill: primary + streaming replica (Debian PostgreSQL), PgBouncer, HAProxy, three instances, Redis');
  const missing = missingBinaries();
  if (missing.length) {
    say(`skipped: ${missing.join(', ')} not found (run as root on Debian to have them installed)`);
    return finish({ cleansUp: true });
  }
  const { primary, replica } = await startPrimaryAndReplica();
  ledgerOnPrimary = () => ledger(primary.url);
  const pooler = await startPgBouncer(primary.url, POOL_SIZE);
  const redis = await startRedis();
  say(`primary ${primary.url}, replica ${replica.url}, PgBouncer ${pooler} (transaction mode, pool ${POOL_SIZE}), Redis ${redis}`);
  await migrate(primary.url, pooler);
  const env = {
    DATABASE_URL: pooler,
    DATABASE_REPLICA_URLS: replica.url,
    RUN_MIGRATIONS: 'false',
    REDIS_URL: redis,
    AVAILABILITY_CACHE_TTL_MS: '60000',
    DB_POOL_SIZE: '10',
    // As the compose `scale` profile: one proxy hop trusted, so each client is its own address.
    TRUST_PROXY: '1',
    // Enough for makeUsers' 82 calls from 127.0.0.1; (f) exhausts it from another address.
    AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_BUDGET),
    FAILED_LOGIN_LIMIT: String(FAILED_LOGIN_LIMIT),
    BOOKING_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  };
  const apps: App[] = [];
  for (const name of ['app1', 'app2', 'app3']) {
    apps.push(await startApp(name, { ...env, INSTANCE_NAME: name }));
    track(apps.at(-1)!.process);
  }
  const certificate = makeServerCertificate(WORKDIR, 'evently-scale-drill');
  const haproxy = await startHaproxy(
    apps.map((app) => app.base),
    certificate,
  );
  const proxy = haproxy.https;
  say(`instances ${apps.map((app) => `${app.name} ${app.base}`).join(', ')}; HAProxy ${proxy.base} (TLS), ${haproxy.http} (redirects)`);
  const { staff, buyers } = await makeUsers(proxy, primary.url, 40, `scale${Date.now().toString(36)}_`);
  const cluster: Cluster = { primary, replica, apps, proxy, staff, buyers };

  await replicaReads(cluster);
  await affinityStorm(cluster);
  const killed = await killMidStorm(cluster);
  const live = apps.filter((app) => app !== killed);
  await sharedInvalidation(live, cluster);
  await replicaDown(live, cluster);
  await tlsAndClientAddresses(haproxy, certificate);
  finish({ cleansUp: true });
}

/** Migrations over the direct connection, as the compose `migrate` job does; the instances only use the pooler. */
async function migrate(direct: string, pooler: string): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/cli/migrations-data-source.js'], {
    env: { ...process.env, DATABASE_URL: pooler, MIGRATIONS_DATABASE_URL: direct },
    stdio: 'ignore',
  });
  say('migrated over MIGRATIONS_DATABASE_URL (direct); the instances start with RUN_MIGRATIONS=false');
}

runDrill(main, { deadlineMs: DEADLINE_MS, cleanUp: stopAll });
