import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

interface Entry {
  id: string;
  action: string;
  actor_id: string;
  booking_id: string | null;
  event_id: string;
  at: string;
  request_id: string;
}

describe('GET /api/audit/ (staff)', () => {
  let t: TestApp;
  let staff: TestUser;
  let buyer: TestUser;
  let eventId: string;
  let bookingId: string;
  const requestIds: Record<string, string> = {};

  const audit = (query: string, who = staff) => t.http.get(`/api/audit/${query}`).set('Authorization', who.auth);
  const actions = (entries: Entry[]) => entries.map((entry) => entry.action);

  beforeAll(async () => {
    t = await startTestApp();
    [staff, buyer] = await Promise.all([t.make.staff(), t.make.user()]);
    const asStaff = (request: ReturnType<TestApp['http']['post']>) => request.set('Authorization', staff.auth);
    const created = await asStaff(t.http.post('/api/events/')).send({
      name: 'Audited',
      venue: 'Hall',
      starts_at: '2031-01-01T20:00:00Z',
      capacity: 10,
      price: '5.00',
    });
    eventId = created.body.event_id;
    await t.http.patch(`/api/events/${eventId}/`).set('Authorization', staff.auth).send({ name: 'Audited again' });
    const booked = await bookTickets(t, buyer, eventId, 2);
    bookingId = booked.body.booking_id;
    requestIds.booked = booked.headers['x-request-id'];
    const cancelled = await cancelBooking(t, buyer, bookingId);
    requestIds.cancelled = cancelled.headers['x-request-id'];
    await asStaff(t.http.post(`/api/events/${eventId}/cancel/`));
  });
  afterAll(() => t.close());

  it('lists a booking’s entries newest first with who, what and the request id', async () => {
    const response = await audit(`?booking_id=${bookingId}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ count: 2, next: null, previous: null });
    const [cancelledEntry, createdEntry] = response.body.results as Entry[];
    expect(createdEntry).toEqual({
      id: expect.any(String),
      action: 'booking.created',
      actor_id: buyer.user.id,
      booking_id: bookingId,
      event_id: eventId,
      hold_id: null,
      waitlist_entry_id: null,
      at: expect.stringMatching(/Z$/),
      request_id: requestIds.booked,
    });
    expect(cancelledEntry).toMatchObject({ action: 'booking.cancelled', request_id: requestIds.cancelled });
  });

  it('filters by user (the actor), event and action', async () => {
    expect(actions((await audit(`?user_id=${buyer.user.id}`)).body.results)).toEqual(['booking.cancelled', 'booking.created']);
    expect(actions((await audit(`?user_id=${staff.user.id}`)).body.results)).toEqual(['event.cancelled', 'event.updated', 'event.created']);
    const updates = await audit(`?event_id=${eventId}&action=event.updated`);
    expect(updates.body.count).toBe(1);
    expect(updates.body.results[0].actor_id).toBe(staff.user.id);
  });

  it('pages with absolute links that keep the filters', async () => {
    const first = await audit(`?event_id=${eventId}&page_size=2`);
    expect(first.body.count).toBe(5);
    const next = new URL(first.body.next);
    expect(next.searchParams.get('event_id')).toBe(eventId);
    const second = await audit(`${next.search}`);
    expect(second.body.results).toHaveLength(2);
    expect(second.body.results[0].id).not.toBe(first.body.results[1].id);
  });

  it('answers 400 for an unknown action or a malformed id, 403 for users and 401 anonymous', async () => {
    const badAction = await audit('?action=booking.deleted');
    expect(badAction.status).toBe(400);
    expect(badAction.body.details).toHaveProperty('action');
    expect((await audit('?booking_id=123')).body.details).toHaveProperty('booking_id');
    expect((await audit('', buyer)).status).toBe(403);
    expect((await t.http.get('/api/audit/')).status).toBe(401);
  });
});
