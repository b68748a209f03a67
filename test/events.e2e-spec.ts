import { SeatInventory } from '../src/inventory';
import { EventEntity } from '../src/schema/event.entity';
import { TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

describe('Events: create, read, list, availability', () => {
  let t: TestApp;
  let staff: TestUser;
  let buyer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.make.staff();
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  const validEvent = {
    name: 'Jazz in the Park',
    description: 'An evening of live jazz.',
    venue: 'Central Park Bandshell',
    starts_at: '2030-06-01T19:00:00Z',
    capacity: 500,
    price: '25.00',
  };
  const create = (body: object, who = staff) => t.http.post('/api/events/').set('Authorization', who.auth).send(body);
  const eventCount = async () => (await t.dataSource.query('SELECT count(*)::int AS count FROM events'))[0].count as number;

  describe('POST /api/events/ (staff)', () => {
    it('answers 201 with the event, all seats available, and audits the creation', async () => {
      const response = await create({ ...validEvent, max_tickets_per_booking: 6 });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        event_id: expect.any(String),
        name: 'Jazz in the Park',
        description: 'An evening of live jazz.',
        venue: 'Central Park Bandshell',
        starts_at: '2030-06-01T19:00:00.000Z',
        capacity: 500,
        available_tickets: 500,
        price: '25.00',
        max_tickets_per_booking: 6,
        hold_seconds: 600,
        status: 'scheduled',
      });
      const [audit] = await t.dataSource.query('SELECT action, actor_id FROM audit_entries WHERE event_id = $1', [response.body.event_id]);
      expect(audit).toEqual({ action: 'event.created', actor_id: staff.user.id });
    });

    it.each([
      ['25', '25.00'],
      [25, '25.00'],
      [49.9, '49.90'],
      ['0', '0.00'],
      ['1234.5', '1234.50'],
    ])('stores price %p exactly as %p', async (price, expected) => {
      const response = await create({ ...validEvent, price });
      expect(response.status).toBe(201);
      expect(response.body.price).toBe(expected);
    });

    it.each([
      ['capacity 0', { capacity: 0 }, 'capacity'],
      ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
      ['a negative price', { price: '-1.00' }, 'price'],
      ['a price with three decimals', { price: '1.234' }, 'price'],
      ['a start without a time zone', { starts_at: '2030-06-01T19:00:00' }, 'starts_at'],
      ['a start that is not a date', { starts_at: 'next friday' }, 'starts_at'],
      ['an empty name', { name: '' }, 'name'],
      ['a missing venue', { venue: undefined }, 'venue'],
      ['an unknown field', { status: 'cancelled' }, 'status'],
      ['max_tickets_per_booking 0', { max_tickets_per_booking: 0 }, 'max_tickets_per_booking'],
    ])('answers 400 with field details for %s and creates nothing', async (_, change, field) => {
      const before = await eventCount();
      const response = await create({ ...validEvent, ...change });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Invalid input.');
      expect(response.body.details).toHaveProperty(field);
      expect(await eventCount()).toBe(before);
    });

    it('is staff only: 403 for a user, 401 without credentials', async () => {
      const before = await eventCount();
      const asUser = await create(validEvent, buyer);
      expect(asUser.status).toBe(403);
      expect(asUser.body).toEqual({ error: 'You do not have permission to perform this action.' });
      expect((await t.http.post('/api/events/').send(validEvent)).status).toBe(401);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('GET /api/events/{id}/ (public)', () => {
    it('answers the event without credentials', async () => {
      const event = await t.make.event({ name: 'Public Show', capacity: 7 });
      const response = await t.http.get(`/api/events/${event.id}/`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ event_id: event.id, name: 'Public Show', capacity: 7, available_tickets: 7, price: '25.00' });
    });

    it.each([UNKNOWN_ID, 'not-a-uuid', '1'])('answers 404 "Event not found" for id %s', async (id) => {
      const response = await t.http.get(`/api/events/${id}/`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Event not found' });
    });
  });

  describe('GET /api/events/{id}/availability/ (public)', () => {
    it('answers the seats left at this moment, after bookings and cancellations', async () => {
      const event = await t.make.event({ capacity: 10 });
      const availability = () => t.http.get(`/api/events/${event.id}/availability/`);
      expect((await availability()).body).toEqual({ event_id: event.id, available_tickets: 10 });

      const booking = await t.http
        .post('/api/bookings/')
        .set('Authorization', buyer.auth)
        .send({ event_id: event.id, number_of_tickets: 4 });
      expect((await availability()).body.available_tickets).toBe(6);

      await t.http.delete(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', buyer.auth);
      expect((await availability()).body.available_tickets).toBe(10);
    });

    it('is exact by default: seats sold by another instance show at once', async () => {
      const event = await t.make.event({ capacity: 10 });
      expect((await t.http.get(`/api/events/${event.id}/availability/`)).body.available_tickets).toBe(10);
      await t.dataSource.query('UPDATE events SET available_tickets = 3 WHERE id = $1', [event.id]);
      expect((await t.http.get(`/api/events/${event.id}/availability/`)).body.available_tickets).toBe(3);
    });

    it('reads the events asked for together in one query, each read getting its own event', async () => {
      const [first, second] = [await t.make.event({ capacity: 7 }), await t.make.event({ capacity: 9 })];
      const inventory = t.app.get(SeatInventory);
      const queries = jest.spyOn(t.dataSource.getRepository(EventEntity), 'findBy');

      const seats = await Promise.all([first.id, second.id, UNKNOWN_ID, first.id].map((id) => inventory.availableTickets(id)));

      expect(seats).toEqual([7, 9, null, 7]);
      expect(queries).toHaveBeenCalledTimes(1);
      queries.mockRestore();
    });

    it.each([UNKNOWN_ID, 'abc'])('answers 404 "Event not found" for id %s', async (id) => {
      const response = await t.http.get(`/api/events/${id}/availability/`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Event not found' });
    });
  });

  describe('GET /api/events/ (public list)', () => {
    const list = (query: string) => t.http.get(`/api/events/${query}`);
    const names = (body: { results: { name: string }[] }) => body.results.map((event) => event.name);

    it('lists soonest first, paginated with absolute links', async () => {
      const tag = 'Pagewalk';
      for (let day = 3; day >= 1; day--) {
        await t.make.event({ name: `${tag} ${day}`, startsAt: new Date(Date.now() + day * ONE_DAY_MS) });
      }

      const first = await list(`?search=${tag}&page_size=2`);
      expect(first.status).toBe(200);
      expect(first.body.count).toBe(3);
      expect(names(first.body)).toEqual([`${tag} 1`, `${tag} 2`]);
      expect(first.body.previous).toBeNull();
      const next = new URL(first.body.next);
      expect(next.searchParams.get('page')).toBe('2');
      expect(next.searchParams.get('search')).toBe(tag);

      const second = await t.http.get(`${next.pathname}${next.search}`);
      expect(names(second.body)).toEqual([`${tag} 3`]);
      expect(second.body.next).toBeNull();
    });

    it('searches name and venue ignoring case, taking % and _ literally', async () => {
      await t.make.event({ name: 'Blues Night', venue: 'Harbour Hall' });
      await t.make.event({ name: 'Folk Morning', venue: 'Old BLUES Barn' });
      await t.make.event({ name: '100% Rock', venue: 'Cellar' });

      expect(names((await list('?search=blues')).body).sort()).toEqual(['Blues Night', 'Folk Morning']);
      expect(names((await list('?search=100%25')).body)).toEqual(['100% Rock']);
      expect((await list('?search=_')).body.count).toBe(0);
    });

    it('with upcoming=true leaves out started and cancelled events', async () => {
      await t.make.event({ name: 'Upcoming Gig', venue: 'Filterville' });
      await t.make.event({ name: 'Past Gig', venue: 'Filterville', startsAt: new Date(Date.now() - ONE_DAY_MS) });
      await t.make.event({ name: 'Cancelled Gig', venue: 'Filterville', status: 'cancelled' });

      expect(names((await list('?search=Filterville&upcoming=true')).body)).toEqual(['Upcoming Gig']);
      expect((await list('?search=Filterville')).body.count).toBe(3);
    });

    it('answers 400 for an upcoming value other than true or false, and 404 for a page past the end', async () => {
      const badFilter = await list('?upcoming=yes');
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.details).toHaveProperty('upcoming');
      expect((await list('?search=no-such-event-anywhere&page=2')).body).toEqual({ error: 'Invalid page.' });
    });
  });
});
