import { seedDemoData } from '../src/cli/demo-data';
import { startTestApp, TestApp } from './support/test-app';

describe('npm run seed (demo data)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('creates events, users and bookings through the real services, so the books balance and the audit trail agrees', async () => {
    const result = await seedDemoData(t.app);

    expect(result).toMatchObject({ seeded: true, events: 4, bookings: 8, cancelled: 1 });
    const events: { id: string }[] = await t.dataSource.query(`SELECT id FROM events`);
    expect(events).toHaveLength(4);
    for (const { id } of events) {
      const ledger = await t.make.ledger(id);
      expect(ledger.confirmed + ledger.available).toBe(ledger.capacity);
    }
    expect(await count(`bookings WHERE status = 'confirmed'`)).toBe(7);
    expect(await count(`audit_entries WHERE action = 'booking.created'`)).toBe(8);
    expect(await count(`audit_entries WHERE action = 'event.created'`)).toBe(4);
  });

  it('prints logins that work, the staff one included', async () => {
    const token = await t.http.post('/api/auth/token/').send({ username: 'staff', password: 'evently-admin-42' });
    const me = await t.http.get('/api/auth/me/').set('Authorization', `Token ${token.body.token}`);
    expect(me.body).toMatchObject({ username: 'staff', is_staff: true });
    expect((await t.http.post('/api/auth/token/').send({ username: 'alice', password: 'wonderland-42' })).status).toBe(200);
  });

  it('refuses to seed twice and changes nothing', async () => {
    const before = await count('bookings');
    const again = await seedDemoData(t.app);
    expect(again).toEqual({ seeded: false, reason: expect.stringContaining('"staff" exists') });
    expect(await count('bookings')).toBe(before);
    expect(await count('events')).toBe(4);
  });
});
