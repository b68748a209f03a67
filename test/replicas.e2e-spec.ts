import { freePort } from '../src/database/free-port';
import { startConfiguredApp } from './support/configured-app';
import type { TestUser } from './support/factories';
import type { TestApp } from './support/test-app';

// The positive path, reads answered by a real streaming replica, needs a second server: the
// scale drill (`npm run test:scale`) proves it on the replica's side.
describe('Read replicas that cannot be used: the named reads are answered by the primary', () => {
  let t: TestApp;
  let staff: TestUser;
  let unreachable: string;
  let notInRecovery: string;

  beforeAll(async () => {
    // Nothing listens on a free port: a replica that is down. The primary itself follows no one: a promoted replica.
    unreachable = `127.0.0.1:${await freePort()}`;
    const primary = new URL(process.env.DATABASE_URL!);
    notInRecovery = `${primary.hostname}:${primary.port}`;
    t = await startConfiguredApp({
      DATABASE_REPLICA_URLS: `postgres://evently:evently@${unreachable}/evently,${primary.toString()}`,
      LOG_LEVEL: 'silent',
    });
    staff = await t.make.staff();
  });
  afterAll(() => t.close());

  it('answers health 200 "degraded", naming each replica and why it is not used', async () => {
    const response = await t.http.get('/api/health/');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'degraded',
      database: 'up',
      replicas: [
        { name: unreachable, status: 'down', lag_ms: null },
        { name: notInRecovery, status: 'down', lag_ms: null },
      ],
    });
  });

  it('answers the event list and page, event stats, analytics and the audit list from the primary, at once', async () => {
    const created = await t.http
      .post('/api/events/')
      .set('Authorization', staff.auth)
      .send({ name: 'Replica Night', venue: 'Hall', starts_at: '2031-01-01T19:00:00Z', capacity: 7, price: '5.00' });
    const id = created.body.event_id;
    const get = (path: string) => t.http.get(path).set('Authorization', staff.auth);

    expect((await get(`/api/events/${id}/`)).body).toMatchObject({ event_id: id, name: 'Replica Night' });
    expect((await get('/api/events/?search=Replica')).body).toMatchObject({ count: 1 });
    expect((await get(`/api/events/${id}/stats/`)).body).toMatchObject({ event_id: id, capacity: 7 });
    expect((await get('/api/analytics/summary/')).status).toBe(200);
    expect((await get('/api/analytics/peak-times/')).status).toBe(200);
    expect((await get(`/api/audit/?action=event.created`)).body.results).toEqual([expect.objectContaining({ event_id: id })]);
  });
});
