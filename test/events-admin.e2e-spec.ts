import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

describe('Events administration (staff)', () => {
  let t: TestApp;
  let staff: TestUser;
  let buyer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.make.staff();
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  const patch = (eventId: string, body: object, who = staff) =>
    t.http.patch(`/api/events/${eventId}/`).set('Authorization', who.auth).send(body);
  const auditActions = async (eventId: string) =>
    (await t.dataSource.query(`SELECT action FROM audit_entries WHERE event_id = $1 ORDER BY at, action`, [eventId])).map(
      (row: { action: string }) => row.action,
    );

  describe('PATCH /api/events/{id}/', () => {
    it('changes the given fields and keeps the others', async () => {
      const event = await t.make.event({ name: 'Old name', price: '10.00' });
      const response = await patch(event.id, { name: 'New name', price: 12.5 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: 'New name', price: '12.50', venue: event.venue, capacity: event.capacity });
      expect(await auditActions(event.id)).toEqual(['event.updated']);
    });

    it('moves available tickets with the capacity, so tickets sold stay sold', async () => {
      const event = await t.make.event({ capacity: 10 });
      await bookTickets(t, buyer, event.id, 4);
      const response = await patch(event.id, { capacity: 20 });
      expect(response.body).toMatchObject({ capacity: 20, available_tickets: 16 });
      expect(await t.make.ledger(event.id)).toEqual({ capacity: 20, available: 16, confirmed: 4 });
    });

    it('answers 409 for a capacity below the tickets already sold and changes nothing', async () => {
      const event = await t.make.event({ capacity: 10 });
      await bookTickets(t, buyer, event.id, 6);
      const response = await patch(event.id, { capacity: 5, name: 'Renamed' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        error: 'Capacity cannot be below the tickets already sold',
        tickets_sold: 6,
        tickets_held: 0,
        requested_capacity: 5,
      });
      expect((await t.http.get(`/api/events/${event.id}/`)).body).toMatchObject({ name: event.name, capacity: 10, available_tickets: 4 });
    });

    it('answers 400 for null in a required field, and clears max_tickets_per_booking with null', async () => {
      const event = await t.make.event({ maxTicketsPerBooking: 4 });
      const invalid = await patch(event.id, { name: null });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details).toHaveProperty('name');
      const cleared = await patch(event.id, { max_tickets_per_booking: null });
      expect(cleared.body.max_tickets_per_booking).toBeNull();
    });

    it('is staff only: 403 for users, 401 anonymous, 404 for an unknown event', async () => {
      const event = await t.make.event();
      expect((await patch(event.id, { name: 'x' }, buyer)).status).toBe(403);
      expect((await t.http.patch(`/api/events/${event.id}/`).send({ name: 'x' })).status).toBe(401);
      expect((await patch('00000000-0000-4000-8000-000000000000', { name: 'x' })).body).toEqual({ error: 'Event not found' });
    });
  });

  describe('POST /api/events/{id}/cancel/', () => {
    it('cancels the event and all its confirmed bookings in one go, auditing each', async () => {
      const event = await t.make.event({ capacity: 10 });
      const first = await bookTickets(t, buyer, event.id, 2);
      const second = await bookTickets(t, buyer, event.id, 3);
      await cancelBooking(t, buyer, second.body.booking_id);

      const response = await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'cancelled', available_tickets: 10 });
      const firstNow = await t.http.get(`/api/bookings/${first.body.booking_id}/`).set('Authorization', buyer.auth);
      expect(firstNow.body.status).toBe('cancelled');
      expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 10, confirmed: 0 });
      const actions = await auditActions(event.id);
      expect(actions.filter((action: string) => action === 'booking.cancelled')).toHaveLength(2);
      expect(actions).toContain('event.cancelled');
      expect((await bookTickets(t, buyer, event.id, 1)).body).toEqual({ error: 'Event is not open for booking' });
    });

    it('is idempotent: cancelling again answers the same and audits nothing more', async () => {
      const event = await t.make.event();
      await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);
      const before = await auditActions(event.id);
      const again = await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('cancelled');
      expect(await auditActions(event.id)).toEqual(before);
    });

    it('is staff only', async () => {
      const event = await t.make.event();
      expect((await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', buyer.auth)).status).toBe(403);
      expect((await t.http.get(`/api/events/${event.id}/`)).body.status).toBe('scheduled');
    });
  });
});
