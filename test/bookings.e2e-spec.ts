import { TestUser } from './support/factories';
import { bookTickets, cancelBooking, postBooking } from './support/requests';
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

  it('answers 201 with the booking, a Location header and the exact total, and takes the seats', async () => {
    const event = await t.make.event({ capacity: 10, price: '19.99' });
    const response = await bookTickets(t, buyer, event.id, 3);

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
    const response = await bookTickets(t, buyer, event.id, 1_000_000);

    expect(response.status).toBe(201);
    expect(response.body.total_amount).toBe('99999999990000.00');
  });

  it('answers 409 with available and requested tickets when the event is short, and changes nothing', async () => {
    const event = await t.make.event({ capacity: 5 });
    const response = await bookTickets(t, buyer, event.id, 10);

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ error: 'Insufficient tickets', available_tickets: 5, requested_tickets: 10 });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0 });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers 409 for seats sold elsewhere a moment after this instance saw them free', async () => {
    const event = await t.make.event({ capacity: 3 });
    expect((await bookTickets(t, buyer, event.id, 1)).status).toBe(201);
    // Another instance sells the last two seats; this one last saw them free.
    await t.dataSource.query(
      `WITH seats AS (UPDATE events SET available_tickets = 0 WHERE id = $1 RETURNING id)
       INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount) SELECT $2, id, 2, 'confirmed', 0 FROM seats`,
      [event.id, other.user.id],
    );
    const response = await bookTickets(t, buyer, event.id, 1);

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ error: 'Insufficient tickets', available_tickets: 0, requested_tickets: 1 });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 3, available: 0, confirmed: 3 });
  });

  it('answers 404 for an unknown event and 409 for a cancelled or started one', async () => {
    expect((await bookTickets(t, buyer, '00000000-0000-4000-8000-000000000000', 1)).body).toEqual({
      error: 'Event not found',
    });
    const cancelled = await t.make.event({ status: 'cancelled' });
    const started = await t.make.event({ startsAt: new Date(Date.now() - 60_000) });
    for (const event of [cancelled, started]) {
      const response = await bookTickets(t, buyer, event.id, 1);
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ error: 'Event is not open for booking' });
    }
  });

  it.each([0, -1, 1.5, '2', null])('answers 400 for number_of_tickets %p and books nothing', async (tickets) => {
    const event = await t.make.event({ capacity: 10 });
    const response = await postBooking(t, buyer, { event_id: event.id, number_of_tickets: tickets });
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveProperty('number_of_tickets');
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers 400 above the event’s max_tickets_per_booking', async () => {
    const event = await t.make.event({ capacity: 10, maxTicketsPerBooking: 2 });
    const response = await bookTickets(t, buyer, event.id, 3);
    expect(response.status).toBe(400);
    expect(response.body.details.number_of_tickets[0]).toContain('2');
  });

  it('lets only staff book for someone else', async () => {
    const event = await t.make.event({ capacity: 10 });
    expect((await postBooking(t, buyer, { user_id: other.user.id, event_id: event.id, number_of_tickets: 1 })).status).toBe(403);
    const staff = await t.make.staff();
    const forOther = await postBooking(t, staff, { user_id: other.user.id, event_id: event.id, number_of_tickets: 1 });
    expect(forOther.status).toBe(201);
    expect(forOther.body.user_id).toBe(other.user.id);
    expect(
      (await postBooking(t, staff, { user_id: '00000000-0000-4000-8000-000000000000', event_id: event.id, number_of_tickets: 1 })).body,
    ).toEqual({
      error: 'User not found',
    });
  });

  it('cancels once (200), gives the tickets back, then answers 400 already cancelled', async () => {
    const event = await t.make.event({ capacity: 4 });
    const booking = await bookTickets(t, buyer, event.id, 4);

    const first = await cancelBooking(t, buyer, booking.body.booking_id);
    const second = await cancelBooking(t, buyer, booking.body.booking_id);

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
    const booking = await bookTickets(t, buyer, event.id, 1);

    expect((await cancelBooking(t, other, booking.body.booking_id)).body).toEqual({ error: 'Booking not found' });
    expect((await t.http.get(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', other.auth)).status).toBe(404);
    expect((await cancelBooking(t, buyer, 'abc')).body).toEqual({ error: 'Booking not found' });
    expect((await t.http.get(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', buyer.auth)).body.status).toBe('confirmed');
  });

  it('lists only the caller’s bookings on GET /api/bookings/', async () => {
    const event = await t.make.event({ capacity: 4 });
    const mine = await bookTickets(t, other, event.id, 1);
    const list = await t.http.get('/api/bookings/').set('Authorization', other.auth);
    expect(list.body.results.every((item: { user_id: string }) => item.user_id === other.user.id)).toBe(true);
    expect(list.body.results[0].booking_id).toBe(mine.body.booking_id);
  });

  it('answers GET /api/bookings/{id}/ with the same fields as the 201 body', async () => {
    const event = await t.make.event({ capacity: 4, price: '12.50' });
    const created = await bookTickets(t, buyer, event.id, 2);
    const read = await t.http.get(`/api/bookings/${created.body.booking_id}/`).set('Authorization', buyer.auth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('lets staff list everyone’s bookings, filtered by event, user and status', async () => {
    const staff = await t.make.staff();
    const event = await t.make.event({ capacity: 10 });
    const fromBuyer = await bookTickets(t, buyer, event.id, 1);
    const fromOther = await bookTickets(t, other, event.id, 2);
    await cancelBooking(t, other, fromOther.body.booking_id);
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
