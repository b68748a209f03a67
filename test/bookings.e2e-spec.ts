import { TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('POST /api/bookings/ and DELETE /api/bookings/{id}/', () => {
  let t: TestApp;
  let buyer: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await t.make.user();
    other = await t.make.user();
  });
  afterAll(() => t.close());

  const book = (body: object, who = buyer) => t.http.post('/api/bookings/').set('Authorization', who.auth).send(body);
  const cancel = (id: string, who = buyer) => t.http.delete(`/api/bookings/${id}/`).set('Authorization', who.auth);

  it('answers 201 with the booking, a Location header and the exact total, and takes the seats', async () => {
    const event = await t.make.event({ capacity: 10, price: '19.99' });
    const response = await book({ event_id: event.id, number_of_tickets: 3 });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      booking_id: expect.any(String),
      event_id: event.id,
      user_id: buyer.user.id,
      number_of_tickets: 3,
      status: 'confirmed',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      total_amount: '59.97',
    });
    expect(response.headers.location).toBe(`/api/bookings/${response.body.booking_id}/`);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 7, confirmed: 3 });
    const [audit] = await t.dataSource.query(`SELECT * FROM audit_entries WHERE booking_id = $1`, [response.body.booking_id]);
    expect(audit).toMatchObject({ action: 'booking.created', actor_id: buyer.user.id, request_id: response.headers['x-request-id'] });
  });

  it('books the largest order the API accepts at the highest price it accepts, total exact', async () => {
    const event = await t.make.event({ capacity: 1_000_000, price: '99999999.99' });
    const response = await book({ event_id: event.id, number_of_tickets: 1_000_000 });

    expect(response.status).toBe(201);
    expect(response.body.total_amount).toBe('99999999990000.00');
  });

  it('answers 409 with available and requested tickets when the event is short, and changes nothing', async () => {
    const event = await t.make.event({ capacity: 5 });
    const response = await book({ event_id: event.id, number_of_tickets: 10 });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ error: 'Insufficient tickets', available_tickets: 5, requested_tickets: 10 });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0 });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers 409 for seats sold elsewhere a moment after this instance saw them free', async () => {
    const event = await t.make.event({ capacity: 3 });
    expect((await book({ event_id: event.id, number_of_tickets: 1 })).status).toBe(201);
    // Another instance sells the last two seats; this one last saw them free.
    await t.dataSource.query(
      `WITH seats AS (UPDATE events SET available_tickets = 0 WHERE id = $1 RETURNING id)
       INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount) SELECT $2, id, 2, 'confirmed', 0 FROM seats`,
      [event.id, other.user.id],
    );
    const response = await book({ event_id: event.id, number_of_tickets: 1 });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ error: 'Insufficient tickets', available_tickets: 0, requested_tickets: 1 });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 3, available: 0, confirmed: 3 });
  });

  it('answers 404 for an unknown event and 409 for a cancelled or started one', async () => {
    expect((await book({ event_id: '00000000-0000-4000-8000-000000000000', number_of_tickets: 1 })).body).toEqual({
      error: 'Event not found',
    });
    const cancelled = await t.make.event({ status: 'cancelled' });
    const started = await t.make.event({ startsAt: new Date(Date.now() - 60_000) });
    for (const event of [cancelled, started]) {
      const response = await book({ event_id: event.id, number_of_tickets: 1 });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ error: 'Event is not open for booking' });
    }
  });

  it.each([0, -1, 1.5, '2', null])('answers 400 for number_of_tickets %p and books nothing', async (tickets) => {
    const event = await t.make.event({ capacity: 10 });
    const response = await book({ event_id: event.id, number_of_tickets: tickets });
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveProperty('number_of_tickets');
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers 400 above the event’s max_tickets_per_booking', async () => {
    const event = await t.make.event({ capacity: 10, maxTicketsPerBooking: 2 });
    const response = await book({ event_id: event.id, number_of_tickets: 3 });
    expect(response.status).toBe(400);
    expect(response.body.details.number_of_tickets[0]).toContain('2');
  });

  it('lets only staff book for someone else', async () => {
    const event = await t.make.event({ capacity: 10 });
    expect((await book({ user_id: other.user.id, event_id: event.id, number_of_tickets: 1 })).status).toBe(403);
    const staff = await t.make.staff();
    const forOther = await book({ user_id: other.user.id, event_id: event.id, number_of_tickets: 1 }, staff);
    expect(forOther.status).toBe(201);
    expect(forOther.body.user_id).toBe(other.user.id);
    expect((await book({ user_id: '00000000-0000-4000-8000-000000000000', event_id: event.id, number_of_tickets: 1 }, staff)).body).toEqual(
      {
        error: 'User not found',
      },
    );
  });

  it('cancels once (200), gives the tickets back, then answers 400 already cancelled', async () => {
    const event = await t.make.event({ capacity: 4 });
    const booking = await book({ event_id: event.id, number_of_tickets: 4 });

    const first = await cancel(booking.body.booking_id);
    const second = await cancel(booking.body.booking_id);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ booking_id: booking.body.booking_id, status: 'cancelled' });
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ error: 'Booking is already cancelled' });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 4, available: 4, confirmed: 0 });
    const actions = await t.dataSource.query(`SELECT action FROM audit_entries WHERE booking_id = $1 ORDER BY at`, [
      booking.body.booking_id,
    ]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual(['booking.created', 'booking.cancelled']);
  });

  it('hides another user’s booking (404) on read and cancel, and treats malformed ids as not found', async () => {
    const event = await t.make.event({ capacity: 4 });
    const booking = await book({ event_id: event.id, number_of_tickets: 1 });

    expect((await cancel(booking.body.booking_id, other)).body).toEqual({ error: 'Booking not found' });
    expect((await t.http.get(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', other.auth)).status).toBe(404);
    expect((await cancel('abc')).body).toEqual({ error: 'Booking not found' });
    expect((await t.http.get(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', buyer.auth)).body.status).toBe('confirmed');
  });

  it('lists only the caller’s bookings on GET /api/bookings/', async () => {
    const event = await t.make.event({ capacity: 4 });
    const mine = await book({ event_id: event.id, number_of_tickets: 1 }, other);
    const list = await t.http.get('/api/bookings/').set('Authorization', other.auth);
    expect(list.body.results.every((item: { user_id: string }) => item.user_id === other.user.id)).toBe(true);
    expect(list.body.results[0].booking_id).toBe(mine.body.booking_id);
  });

  it('answers GET /api/bookings/{id}/ with the same fields as the 201 body', async () => {
    const event = await t.make.event({ capacity: 4, price: '12.50' });
    const created = await book({ event_id: event.id, number_of_tickets: 2 });
    const read = await t.http.get(`/api/bookings/${created.body.booking_id}/`).set('Authorization', buyer.auth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('lets staff list everyone’s bookings, filtered by event, user and status', async () => {
    const staff = await t.make.staff();
    const event = await t.make.event({ capacity: 10 });
    const fromBuyer = await book({ event_id: event.id, number_of_tickets: 1 });
    const fromOther = await book({ event_id: event.id, number_of_tickets: 2 }, other);
    await cancel(fromOther.body.booking_id, other);
    const ids = async (query: string, who = staff) =>
      (await t.http.get(`/api/bookings/${query}`).set('Authorization', who.auth)).body.results.map(
        (item: { booking_id: string }) => item.booking_id,
      );

    expect(await ids(`?event_id=${event.id}`)).toEqual([fromOther.body.booking_id, fromBuyer.body.booking_id]);
    expect(await ids(`?event_id=${event.id}&user_id=${buyer.user.id}`)).toEqual([fromBuyer.body.booking_id]);
    expect(await ids(`?event_id=${event.id}&status=cancelled`)).toEqual([fromOther.body.booking_id]);
    // A non-staff caller's user_id filter is ignored: it never reveals another user's bookings.
    expect(await ids(`?event_id=${event.id}&user_id=${other.user.id}`, buyer)).toEqual([fromBuyer.body.booking_id]);
    const invalid = await t.http.get('/api/bookings/?status=pending').set('Authorization', staff.auth);
    expect(invalid.status).toBe(400);
    expect(invalid.body.details).toHaveProperty('status');
  });

  it('needs credentials (401)', async () => {
    const event = await t.make.event();
    expect((await t.http.post('/api/bookings/').send({ event_id: event.id, number_of_tickets: 1 })).status).toBe(401);
  });
});
