// `npm run test:multi`: two app processes on one database (and one Redis when REDIS_URL is set)
// share sessions, keys, idempotency keys and rate limits, and a storm spread across both never
// oversells. Prints what it did and checked; exits non-zero if any check failed.
import {
  App,
  call,
  check,
  checkBooksBalance,
  finish,
  ledger,
  makeEvent,
  makeUsers,
  say,
  startApp,
  startDatabase,
  storm,
  tally,
} from './harness';

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

async function main(): Promise<void> {
  const redis = process.env.REDIS_URL;
  say(
    `Evently multi-instance drill: two processes of node dist/main on one database${redis ? ` and Redis ${redis}` : ' (no REDIS_URL: rate limits per process)'}`,
  );
  const db = await startDatabase();
  const env = {
    DATABASE_URL: db.url,
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    BOOKING_RATE_LIMIT_PER_MINUTE: '1000000',
    FAILED_LOGIN_LIMIT: '3',
  };
  const apps: App[] = [];
  try {
    apps.push(await startApp('instance-a', env), await startApp('instance-b', env));
    const [a, b] = apps;
    say(`instance A on ${a.base}, instance B on ${b.base}`);
    // Redis outlives the drill: fresh names keep this run's failed-login counts apart from earlier runs'.
    const prefix = `multi${Date.now().toString(36)}_`;
    const { staff, buyers } = await makeUsers(a, db.url, 60, prefix);
    say(`registered ${buyers.length} buyers and a staff user through A`);

    say('\nSessions and keys');
    const login = await fetch(`${a.base}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${prefix}1`, password: 'drill-password-1' }),
    });
    // express-session stores the session while the body is still going out: a client has its
    // session once the whole answer has arrived, not at the headers.
    await login.text();
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    check('a session cookie from A is accepted by B', (await call(b, 'GET', '/api/auth/me/', { headers: { cookie } })).status === 200);
    check(
      'a key issued by A is accepted by B',
      (await call(b, 'GET', '/api/auth/me/', { headers: { authorization: buyers[0].auth } })).status === 200,
    );

    say('\nRate limits');
    if (!redis) say('  skipped: without REDIS_URL each process counts alone (set REDIS_URL=redis://127.0.0.1:6379 to drill this)');
    else {
      const attempt = (app: App, password: string) => call(app, 'POST', '/api/auth/token/', { body: { username: `${prefix}2`, password } });
      const failures = [(await attempt(a, 'wrong')).status, (await attempt(b, 'wrong')).status, (await attempt(a, 'wrong')).status];
      const refused = await attempt(b, 'drill-password-1');
      check(
        '3 failed logins spread over A and B lock the 4th attempt on B, right password or not',
        refused.status === 429,
        `${failures.join(' ')} then ${refused.status}`,
      );
    }

    say('\nIdempotency key sent 10 times to each instance at once');
    const keyed = await makeEvent(a, staff, 100);
    const replays = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        call(index % 2 ? b : a, 'POST', '/api/bookings/', {
          headers: { authorization: buyers[1].auth, 'idempotency-key': 'multi-key' },
          body: { event_id: keyed, number_of_tickets: 2 },
        }),
      ),
    );
    const [row] = (await ledger(db.url)).filter((entry) => entry.event_id === keyed);
    check(
      'one booking, the same body for all 20',
      row.bookings === 1 && new Set(replays.map((answer) => JSON.stringify(answer.body))).size === 1,
      `${tally(replays.map((answer) => answer.status))}; ${row.bookings} booking`,
    );

    say('\nBooking storm spread over both instances: 600 requests, 60 at a time, for 3 events of 40 seats, with cancellations');
    const events = [await makeEvent(a, staff, 40), await makeEvent(a, staff, 40), await makeEvent(a, staff, 40)];
    const booked: { id: string; auth: string }[] = [];
    const answers = await storm(600, 60, async (index) => {
      const app = index % 2 ? b : a;
      if (index % 5 === 4 && booked.length) {
        const booking = booked.splice(Math.floor(Math.random() * booked.length), 1)[0];
        return call(app, 'DELETE', `/api/bookings/${booking.id}/`, { headers: { authorization: booking.auth } });
      }
      const buyer = pick(buyers);
      const answer = await call(app, 'POST', '/api/bookings/', {
        headers: { authorization: buyer.auth },
        body: { event_id: pick(events), number_of_tickets: 1 + (index % 3) },
      });
      if (answer.status === 201) booked.push({ id: String(answer.body.booking_id), auth: buyer.auth });
      return answer;
    });
    const statuses = answers.map((answer) => answer.status);
    say(`  requests tried: ${answers.length} (${tally(statuses)})`);
    check(
      'no 5xx',
      statuses.every((status) => status < 500),
      `${statuses.filter((status) => status >= 500).length} seen`,
    );
    const rows = (await ledger(db.url)).filter((entry) => events.includes(entry.event_id));
    check(
      'no event oversold',
      rows.every((entry) => entry.confirmed <= entry.capacity),
    );
    await checkBooksBalance(db.url, 'multi-instance');
  } finally {
    for (const app of apps) app.process.kill('SIGTERM');
    await Promise.all(apps.map((app) => app.exited));
    await db.close();
  }
  finish();
}

main().catch((error: Error) => {
  say(`drill aborted: ${error.stack}`);
  process.exit(2);
});
