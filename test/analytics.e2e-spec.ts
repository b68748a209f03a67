import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('Analytics (staff): figures computed by the database from the bookings this test made', () => {
  let t: TestApp;
  let staff: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let since: string;
  let concert: string;
  let play: string;

  const get = (path: string, who = staff) => t.http.get(path).set('Authorization', who.auth);

  beforeAll(async () => {
    t = await startTestApp();
    [staff, alice, bob] = await Promise.all([t.make.staff(), t.make.user(), t.make.user()]);
    since = new Date(Date.now() - 1000).toISOString();
    concert = (await t.make.event({ capacity: 10, price: '12.50' })).id;
    play = (await t.make.event({ capacity: 20, price: '3.00' })).id;
    const called = (await t.make.event({ status: 'cancelled' })).id; // its capacity must not count

    for (const [who, eventId, tickets] of [
      [alice, concert, 3],
      [bob, concert, 2],
      [alice, play, 4],
    ] as const) {
      expect((await bookTickets(t, who, eventId, tickets)).status).toBe(201);
    }
    const regret = await bookTickets(t, bob, play, 5);
    expect((await cancelBooking(t, bob, regret.body.booking_id)).status).toBe(200);

    expect((await bookTickets(t, alice, concert, 20)).status).toBe(409);
    expect((await bookTickets(t, alice, called, 1)).status).toBe(409);
    expect((await bookTickets(t, alice, concert, 0)).status).toBe(400);
    expect((await bookTickets(t, bob, UNKNOWN_ID, 1)).status).toBe(404);
  });
  afterAll(() => t.close());

  describe('GET /api/analytics/summary/', () => {
    it('counts bookings by status, rejections, tickets, revenue and utilisation over the window', async () => {
      const response = await get(`/api/analytics/summary/?from=${since}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: since,
        to: expect.any(String),
        bookings_confirmed: 3,
        bookings_cancelled: 1,
        bookings_rejected: 4,
        success_rate: 0.5, // 4 bookings made of 8 requests
        tickets_sold: 9,
        revenue: '74.50',
        utilisation: 0.3, // (5 + 4) sold of 10 + 20 seats; the cancelled event is left out
        holds_created: 0,
        holds_confirmed: 0,
        holds_expired: 0,
        hold_conversion_rate: null,
      });
    });

    it('records each rejection with its reason and request id', async () => {
      const refused = await bookTickets(t, bob, concert, 50);
      const [row] = await t.dataSource.query(`SELECT * FROM booking_rejections WHERE request_id = $1`, [refused.headers['x-request-id']]);
      expect(row).toMatchObject({ reason: 'insufficient_tickets', event_id: concert, user_id: bob.user.id, requested_tickets: 50 });
      const reasons = await t.dataSource.query(`SELECT reason FROM booking_rejections ORDER BY reason`);
      expect(reasons.map((r: { reason: string }) => r.reason)).toEqual([
        'event_not_found',
        'event_not_open',
        'insufficient_tickets',
        'insufficient_tickets',
        'invalid_request',
      ]);
    });

    it('answers zeros and a null success rate for a window without bookings, and defaults to the last 30 days', async () => {
      const empty = await get('/api/analytics/summary/?from=2020-01-01&to=2020-02-01');
      expect(empty.body).toMatchObject({
        bookings_confirmed: 0,
        bookings_rejected: 0,
        success_rate: null,
        tickets_sold: 0,
        revenue: '0.00',
      });
      const defaults = await get('/api/analytics/summary/');
      expect(defaults.body.bookings_confirmed).toBe(3);
      expect(new Date(defaults.body.to).getTime() - new Date(defaults.body.from).getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    });

    it.each([
      ['from=yesterday', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-01-01T10:00:00', 'from'],
      ['from=2026-02-01&to=2026-01-01', 'to'],
    ])('answers 400 with details for %s', async (query, field) => {
      const response = await get(`/api/analytics/summary/?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.details).toHaveProperty(field);
    });

    it('is staff only: 403 for users, 401 anonymous', async () => {
      expect((await get('/api/analytics/summary/', alice)).status).toBe(403);
      expect((await t.http.get('/api/analytics/summary/')).status).toBe(401);
    });
  });

  describe('GET /api/analytics/peak-times/', () => {
    it('groups bookings made into UTC hours or days, oldest first, cancelled ones included', async () => {
      const event = await t.make.event({ capacity: 50 });
      const times = ['2020-03-01T10:05:00Z', '2020-03-01T10:55:00Z', '2020-03-01T11:30:00Z', '2020-03-02T09:00:00Z'];
      for (const [index, at] of times.entries()) {
        const booked = await bookTickets(t, alice, event.id, index + 1);
        await t.dataSource.query(`UPDATE bookings SET created_at = $1 WHERE id = $2`, [at, booked.body.booking_id]);
      }
      await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);
      const window = 'from=2020-03-01T00:00:00Z&to=2020-03-03T00:00:00Z';

      const hourly = await get(`/api/analytics/peak-times/?${window}`);
      const daily = await get(`/api/analytics/peak-times/?${window}&bucket=day`);

      expect(hourly.status).toBe(200);
      expect(hourly.body).toEqual({
        from: '2020-03-01T00:00:00.000Z',
        to: '2020-03-03T00:00:00.000Z',
        bucket: 'hour',
        buckets: [
          { start: '2020-03-01T10:00:00.000Z', bookings: 2, tickets: 3 },
          { start: '2020-03-01T11:00:00.000Z', bookings: 1, tickets: 3 },
          { start: '2020-03-02T09:00:00.000Z', bookings: 1, tickets: 4 },
        ],
      });
      expect(daily.body.buckets).toEqual([
        { start: '2020-03-01T00:00:00.000Z', bookings: 3, tickets: 6 },
        { start: '2020-03-02T00:00:00.000Z', bookings: 1, tickets: 4 },
      ]);
    });

    it('answers 400 for an unknown bucket', async () => {
      const response = await get('/api/analytics/peak-times/?bucket=week');
      expect(response.status).toBe(400);
      expect(response.body.details).toHaveProperty('bucket');
    });
  });

  describe('GET /api/events/{id}/stats/', () => {
    it('answers seats, bookings by status and revenue of one event', async () => {
      expect((await get(`/api/events/${concert}/stats/`)).body).toEqual({
        event_id: concert,
        capacity: 10,
        tickets_sold: 5,
        available_tickets: 5,
        utilisation: 0.5,
        bookings_confirmed: 2,
        bookings_cancelled: 0,
        revenue: '62.50',
        tickets_held: 0,
        waitlist_waiting: 0,
      });
      expect((await get(`/api/events/${play}/stats/`)).body).toMatchObject({
        tickets_sold: 4,
        utilisation: 0.2,
        bookings_confirmed: 1,
        bookings_cancelled: 1,
        revenue: '12.00',
      });
    });

    it('answers 404 for an unknown or malformed id and 403 for users', async () => {
      expect((await get(`/api/events/${UNKNOWN_ID}/stats/`)).body).toEqual({ error: 'Event not found' });
      expect((await get('/api/events/abc/stats/')).status).toBe(404);
      expect((await get(`/api/events/${concert}/stats/`, alice)).status).toBe(403);
    });
  });
});
