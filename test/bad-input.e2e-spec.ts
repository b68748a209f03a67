import { TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Inputs that each made a 500 once (issue 13, item 5); every one is the client's mistake. */
describe('Bad input is a 4xx JSON error, never a 500', () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.make.staff();
  });
  afterAll(() => t.close());

  it.each([
    '/api/events/?page=99999999999999999999',
    '/api/events/?page=300000000&page_size=100',
    '/api/bookings/?page=300000000',
    '/api/audit/?page=99999999999999999999',
    'HISTORY?page=300000000',
    'HISTORY?page=99999999999999999999',
  ])('answers %s with 404 "Invalid page."', async (path) => {
    const response = await t.http.get(path.replace('HISTORY', `/api/users/${staff.user.id}/bookings/`)).set('Authorization', staff.auth);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Invalid page.' });
  });

  it('answers a JSON body nested 5,000 deep with 400 before it becomes objects', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    for (const body of [`{"username": ${deep}, "password": "sunny-meadow-7"}`, deep]) {
      const response = await t.http.post('/api/auth/register/').set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'JSON nested deeper than 32 levels.' });
    }
  });

  it('still takes brackets inside strings, and nesting up to the limit, as ordinary JSON', async () => {
    const nested = `${'['.repeat(31)}1${']'.repeat(31)}`;
    const response = await t.http
      .post('/api/auth/register/')
      .set('Content-Type', 'application/json')
      .send(`{"username": "brackets", "password": "[[[{{{\\"[[[", "email": ${nested}}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.details)).toEqual(['email']);
  });

  it.each([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER])('answers max_tickets_per_booking = %d with 400', async (max) => {
    const event = { name: 'Big', venue: 'Hall', starts_at: '2031-01-01T19:00:00Z', capacity: 10, price: '5.00' };
    const created = await t.http
      .post('/api/events/')
      .set('Authorization', staff.auth)
      .send({ ...event, max_tickets_per_booking: max });
    expect(created.status).toBe(400);
    expect(created.body.details).toHaveProperty('max_tickets_per_booking');
    const existing = await t.make.event();
    const patched = await t.http
      .patch(`/api/events/${existing.id}/`)
      .set('Authorization', staff.auth)
      .send({ max_tickets_per_booking: max });
    expect(patched.status).toBe(400);
  });

  it.each(['summary', 'peak-times'])(
    'answers an analytics %s window from year 1000 to 9999 with 400 past the stated maximum',
    async (route) => {
      const response = await t.http.get(`/api/analytics/${route}/?from=1000-01-01&to=9999-12-31`).set('Authorization', staff.auth);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual({ to: ['the window may span at most 366 days'] });
    },
  );
});
