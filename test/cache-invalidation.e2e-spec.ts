import { startConfiguredApp } from './support/configured-app';
import type { TestUser } from './support/factories';
import type { TestApp } from './support/test-app';
import { REDIS_URL_VARIABLE } from './support/test-redis';

// Two instances on one database and one Redis, caching for a minute: only the forget passed on
// through Redis can make one see, in time, what the other changed.
const redisUrl = process.env[REDIS_URL_VARIABLE];
if (!redisUrl) process.stderr.write('\nSKIPPED the cache invalidation test: no Redis at 127.0.0.1:6379 (set TEST_REDIS_URL)\n');
const describeWithRedis = redisUrl ? describe : describe.skip;

const A_MINUTE = '60000';

/** Asks until the answer changes from `before` (or a generous deadline passes), and returns the last answer. */
async function changedFrom<T>(before: T, ask: () => Promise<T>): Promise<T> {
  let answer = await ask();
  for (const deadline = Date.now() + 10_000; answer === before && Date.now() < deadline; answer = await ask()) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return answer;
}

describeWithRedis('Caches shared across instances through Redis (REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    const settings = { REDIS_URL: redisUrl!, AVAILABILITY_CACHE_TTL_MS: A_MINUTE, TOKEN_CACHE_TTL_MS: A_MINUTE, INSTANCE_NAME: 'api-7' };
    a = await startConfiguredApp(settings);
    b = await startConfiguredApp(settings);
    staff = await a.make.staff();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const availableOn = (app: TestApp, eventId: string) => async () =>
    (await app.http.get(`/api/events/${eventId}/availability/`)).body.available_tickets as number;

  it('drops the other instance’s cached availability when a booking is cancelled', async () => {
    const event = await a.make.event({ capacity: 10 });
    const buyer = await a.make.user();
    const booked = await a.http.post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: event.id, number_of_tickets: 3 });
    expect(await availableOn(b, event.id)()).toBe(7); // now cached on B for a minute

    expect((await a.http.delete(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', buyer.auth)).status).toBe(200);

    expect(await changedFrom(7, availableOn(b, event.id))).toBe(10);
  });

  it('drops the other instance’s cached availability when staff raise the capacity', async () => {
    const event = await a.make.event({ capacity: 10 });
    expect(await availableOn(b, event.id)()).toBe(10);

    await a.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ capacity: 15 }).expect(200);

    expect(await changedFrom(10, availableOn(b, event.id))).toBe(15);
  });

  it('refuses on the other instance a key revoked on one', async () => {
    const { auth } = await a.make.user();
    const me = async () => (await b.http.get('/api/auth/me/').set('Authorization', auth)).status;
    expect(await me()).toBe(200); // the key's owner is now cached on B for a minute

    await a.http.delete('/api/auth/token/').set('Authorization', auth).expect(204);

    expect(await changedFrom(200, me)).toBe(401);
  });

  it('names the instance that answered in X-Served-By, on errors too', async () => {
    for (const response of [await a.http.get('/api/health/'), await b.http.get('/api/events/nope/'), await b.http.get('/api/nowhere/')]) {
      expect(response.headers['x-served-by']).toBe('api-7');
    }
  });
});
