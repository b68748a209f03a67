import { randomBytes } from 'node:crypto';

import { startConfiguredApp } from './support/configured-app';
import { DEFAULT_PASSWORD } from './support/factories';
import { bookTickets } from './support/requests';
import type { TestApp } from './support/test-app';
import { REDIS_URL_VARIABLE } from './support/test-redis';

// Two instances on one database and one Redis (TEST_REDIS_URL, or the machine's when it has one).
const redisUrl = process.env[REDIS_URL_VARIABLE];
if (!redisUrl) process.stderr.write('\nSKIPPED the shared rate-limit test: no Redis at 127.0.0.1:6379 (set TEST_REDIS_URL)\n');
const describeWithRedis = redisUrl ? describe : describe.skip;

const SETTINGS = {
  REDIS_URL: redisUrl!,
  TRUST_PROXY: '1',
  FAILED_LOGIN_LIMIT: '3',
  BOOKING_RATE_LIMIT_PER_MINUTE: '4',
};

// Redis outlives the run: a fresh client IP keeps this run's counts apart from earlier runs'.
const clientIp = `10.${randomBytes(3).join('.')}`;

describeWithRedis('Two instances share sessions, tokens and rate limits (REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startConfiguredApp(SETTINGS);
    b = await startConfiguredApp(SETTINGS);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('accepts on one instance the session cookie and the key issued by the other', async () => {
    const { user } = await a.make.user();
    const login = await a.http.post('/api/auth/login/').send({ username: user.username, password: DEFAULT_PASSWORD });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const issued = await a.http.post('/api/auth/token/').send({ username: user.username, password: DEFAULT_PASSWORD });

    expect((await b.http.get('/api/auth/me/').set('Cookie', cookie)).body.user_id).toBe(user.id);
    expect((await b.http.get('/api/auth/me/').set('Authorization', `Token ${issued.body.token}`)).body.user_id).toBe(user.id);
  });

  it('counts failed logins across instances', async () => {
    const { user } = await a.make.user();
    const token = (on: TestApp, password: string) =>
      on.http.post('/api/auth/token/').set('X-Forwarded-For', clientIp).send({ username: user.username, password });

    const failures = [(await token(a, 'wrong')).status, (await token(b, 'wrong')).status, (await token(a, 'wrong')).status];
    const refused = await token(b, DEFAULT_PASSWORD);

    expect(failures).toEqual([400, 400, 400]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets at most 3 of a burst of 25 wrong passwords, split over both instances, be checked', async () => {
    const { user } = await a.make.user();

    const statuses = await Promise.all(
      Array.from({ length: 25 }, async (_, index) => {
        const on = index % 2 ? a : b;
        const response = await on.http
          .post('/api/auth/token/')
          .set('X-Forwarded-For', clientIp)
          .send({ username: user.username, password: 'wrong' });
        return response.status;
      }),
    );

    expect(statuses.filter((status) => status !== 429)).toEqual([400, 400, 400]);
  });

  it('counts a user’s booking writes across instances', async () => {
    const buyer = await a.make.user();
    const event = await a.make.event({ capacity: 20 });
    const statuses = [];
    for (const on of [a, b, a, b, a]) statuses.push((await bookTickets(on, buyer, event.id, 1)).status);

    expect(statuses).toEqual([201, 201, 201, 201, 429]);
    expect(await a.make.ledger(event.id)).toEqual({ capacity: 20, available: 16, confirmed: 4 });
  });
});
