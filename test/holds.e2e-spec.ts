import { OverdueHoldSweeper } from '../src/inventory/overdue-hold-sweeper';
import { TestUser } from './support/factories';
import { confirmHold, heldLedger, postHold, releaseHold, runOut } from './support/holds';
import { metricValue } from './support/metrics';
import { startTestApp, TestApp } from './support/test-app';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Holds (contract 5)', () => {
  let t: TestApp;
  let buyer: TestUser;
  let other: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [buyer, other, staff] = await Promise.all([t.make.user(), t.make.user(), t.make.staff()]);
  });
  afterAll(() => t.close());

  const hold = (eventId: string, tickets = 2, who = buyer) => postHold(t, who, { event_id: eventId, number_of_tickets: tickets });
  const auditActions = async (eventId: string) =>
    (await t.dataSource.query(`SELECT action FROM audit_entries WHERE event_id = $1 ORDER BY at, action`, [eventId])).map(
      (row: { action: string }) => row.action,
    );

  describe('POST /api/holds/', () => {
    it('takes the seats at once and answers 201 with the hold, its Location and its expiry from the event’s hold_seconds', async () => {
      const event = await t.make.event({ capacity: 10, price: '12.50', holdSeconds: 120 });
      const before = Date.now();

      const response = await hold(event.id, 3);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        hold_id: expect.any(String),
        event_id: event.id,
        user_id: buyer.user.id,
        number_of_tickets: 3,
        status: 'active',
        source: 'direct',
        expires_at: expect.stringMatching(ISO_UTC),
        total_amount: '37.50',
        booking_id: null,
      });
      expect(response.headers.location).toBe(`/api/holds/${response.body.hold_id}/`);
      const lasts = new Date(response.body.expires_at).getTime() - before;
      expect(lasts).toBeGreaterThan(110_000);
      expect(lasts).toBeLessThanOrEqual(121_000);
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 7, confirmed: 0, held: 3 });
      expect(await auditActions(event.id)).toEqual(['hold.created']);
    });

    it('answers as a booking would: 409 short, 409 not open, 404 unknown event, 400 invalid, 403 for someone else', async () => {
      const event = await t.make.event({ capacity: 2 });
      const cancelled = await t.make.event({ status: 'cancelled' });

      expect((await hold(event.id, 3)).body).toEqual({ error: 'Insufficient tickets', available_tickets: 2, requested_tickets: 3 });
      expect((await hold(cancelled.id, 1)).body).toEqual({ error: 'Event is not open for booking' });
      expect((await hold('6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c', 1)).status).toBe(404);
      expect((await hold(event.id, 0)).status).toBe(400);
      const forOther = await postHold(t, buyer, { event_id: event.id, number_of_tickets: 1, user_id: other.user.id });
      expect(forOther.status).toBe(403);
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 2, available: 2, confirmed: 0, held: 0 });
    });

    it('answers 409 with the hold id when the user already has an active hold on the event', async () => {
      const event = await t.make.event({ capacity: 10 });
      const first = await hold(event.id, 1);

      const second = await hold(event.id, 1);

      expect(second.status).toBe(409);
      expect(second.body).toEqual({ error: 'Active hold exists', hold_id: first.body.hold_id });
      expect(await heldLedger(t, event.id)).toMatchObject({ available: 9, held: 1 });
    });

    it('replays a retry under the same Idempotency-Key and holds nothing more; 422 for a different request', async () => {
      const event = await t.make.event({ capacity: 10 });
      const first = await postHold(t, other, { event_id: event.id, number_of_tickets: 2 }, 'hold-key-1');
      const retry = await postHold(t, other, { event_id: event.id, number_of_tickets: 2 }, 'hold-key-1');
      const different = await postHold(t, other, { event_id: event.id, number_of_tickets: 3 }, 'hold-key-1');

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(different.status).toBe(422);
      expect(await heldLedger(t, event.id)).toMatchObject({ available: 8, held: 2 });
    });

    it('does not refuse for seats whose hold has run out: the turn reclaims them first', async () => {
      const event = await t.make.event({ capacity: 2 });
      const first = await hold(event.id, 2, other);
      await runOut(t, [first.body.hold_id]);

      const response = await hold(event.id, 2);

      expect(response.status).toBe(201);
      expect((await t.http.get(`/api/holds/${first.body.hold_id}/`).set('Authorization', other.auth)).body.status).toBe('expired');
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 2, available: 0, confirmed: 0, held: 2 });
    });
  });

  describe('GET /api/holds/{id}/ and GET /api/holds/', () => {
    it('shows the caller its own holds, newest first, and hides other users’ (404) except from staff', async () => {
      const event = await t.make.event();
      const mine = await hold(event.id, 1, other);

      expect((await t.http.get(`/api/holds/${mine.body.hold_id}/`).set('Authorization', other.auth)).body).toEqual(mine.body);
      expect((await t.http.get(`/api/holds/${mine.body.hold_id}/`).set('Authorization', buyer.auth)).status).toBe(404);
      expect((await t.http.get('/api/holds/not-an-id/').set('Authorization', buyer.auth)).body).toEqual({ error: 'Hold not found' });
      expect((await t.http.get(`/api/holds/${mine.body.hold_id}/`).set('Authorization', staff.auth)).status).toBe(200);

      const list = await t.http.get('/api/holds/?page_size=1').set('Authorization', other.auth);
      expect(list.body.results).toEqual([mine.body]);
      const staffList = await t.http.get(`/api/holds/?event_id=${event.id}`).set('Authorization', staff.auth);
      expect(staffList.body.count).toBe(1);
    });
  });

  describe('POST /api/holds/{id}/confirm/', () => {
    it('books at the total the hold quoted, sets the hold confirmed with its booking, and moves no seat', async () => {
      const event = await t.make.event({ capacity: 10, price: '10.00' });
      const held = await hold(event.id, 2);
      await t.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ price: '99.00' });

      const response = await confirmHold(t, buyer, held.body.hold_id);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        booking_id: expect.any(String),
        event_id: event.id,
        user_id: buyer.user.id,
        number_of_tickets: 2,
        status: 'confirmed',
        timestamp: expect.stringMatching(ISO_UTC),
        total_amount: '20.00',
      });
      expect(response.headers.location).toBe(`/api/bookings/${response.body.booking_id}/`);
      const after = await t.http.get(`/api/holds/${held.body.hold_id}/`).set('Authorization', buyer.auth);
      expect(after.body).toMatchObject({ status: 'confirmed', booking_id: response.body.booking_id });
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 8, confirmed: 2, held: 0 });
      expect(await auditActions(event.id)).toEqual(['hold.created', 'event.updated', 'booking.created', 'hold.confirmed']);
    });

    it('answers 409 with the status and booking when the hold is no longer active', async () => {
      const event = await t.make.event();
      const held = await hold(event.id, 1);
      const booked = await confirmHold(t, buyer, held.body.hold_id);

      const again = await confirmHold(t, buyer, held.body.hold_id);
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ error: 'Hold is not active', status: 'confirmed', booking_id: booked.body.booking_id });

      const released = await hold(event.id, 1, other);
      await releaseHold(t, other, released.body.hold_id);
      expect((await confirmHold(t, other, released.body.hold_id)).body).toEqual({
        error: 'Hold is not active',
        status: 'released',
        booking_id: null,
      });
    });

    it('answers 410 from expires_at on before any sweep: no booking, and the seats are back', async () => {
      const event = await t.make.event({ capacity: 4 });
      const held = await hold(event.id, 3);
      await runOut(t, [held.body.hold_id]);

      const response = await confirmHold(t, buyer, held.body.hold_id);

      expect(response.status).toBe(410);
      expect(response.body).toEqual({ error: 'Hold has expired' });
      expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 4, available: 4, confirmed: 0, held: 0 });
      expect((await confirmHold(t, buyer, held.body.hold_id)).status).toBe(410);
      expect((await releaseHold(t, buyer, held.body.hold_id)).status).toBe(410);
      expect(await auditActions(event.id)).toEqual(['hold.created', 'hold.expired']);
    });

    it('replays a confirmation under the same Idempotency-Key and books once', async () => {
      const event = await t.make.event();
      const held = await hold(event.id, 2);

      const first = await confirmHold(t, buyer, held.body.hold_id, 'confirm-key-1');
      const retry = await confirmHold(t, buyer, held.body.hold_id, 'confirm-key-1');

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await t.make.bookingsOf(event.id)).toHaveLength(1);
    });

    it('answers 404 for another user’s hold', async () => {
      const event = await t.make.event();
      const held = await hold(event.id, 1);
      expect((await confirmHold(t, other, held.body.hold_id)).status).toBe(404);
    });
  });

  describe('DELETE /api/holds/{id}/', () => {
    it('gives the seats back at once and answers the released hold', async () => {
      const event = await t.make.event({ capacity: 5 });
      const held = await hold(event.id, 4);

      const response = await releaseHold(t, buyer, held.body.hold_id);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ hold_id: held.body.hold_id, status: 'released' });
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0, held: 0 });
      expect((await releaseHold(t, buyer, held.body.hold_id)).body).toEqual({
        error: 'Hold is not active',
        status: 'released',
        booking_id: null,
      });
    });
  });

  describe('the sweeper', () => {
    it('returns the seats of overdue holds once, and leaves active ones alone', async () => {
      const event = await t.make.event({ capacity: 10 });
      const overdue = await hold(event.id, 3);
      await hold(event.id, 2, other);
      await runOut(t, [overdue.body.hold_id]);

      const sweeper = t.app.get(OverdueHoldSweeper);
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
      expect(await sweeper.sweep()).toBe(0);

      expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 8, confirmed: 0, held: 2 });
      expect((await confirmHold(t, buyer, overdue.body.hold_id)).status).toBe(410);
    });
  });

  describe('figures', () => {
    it('shows held tickets and the waiting line in the event’s stats, and holds made, confirmed and expired in the summary', async () => {
      const since = new Date().toISOString();
      const event = await t.make.event({ capacity: 5 });
      await hold(event.id, 2);
      const confirmed = await hold(event.id, 3, other);
      await confirmHold(t, other, confirmed.body.hold_id);
      await t.http.post(`/api/events/${event.id}/waitlist/`).set('Authorization', staff.auth).send({ number_of_tickets: 1 });

      const stats = await t.http.get(`/api/events/${event.id}/stats/`).set('Authorization', staff.auth);
      expect(stats.body).toMatchObject({ tickets_sold: 3, tickets_held: 2, available_tickets: 0, waitlist_waiting: 1, utilisation: 0.6 });
      // The scrape's utilisation counts the same seats as sold: held ones are not.
      expect(await metricValue(t, `evently_event_utilisation_ratio{event_id="${event.id}"}`)).toBe(0.6);
      const summary = await t.http.get(`/api/analytics/summary/?from=${since}`).set('Authorization', staff.auth);
      expect(summary.body).toMatchObject({ holds_created: 2, holds_confirmed: 1, holds_expired: 0, hold_conversion_rate: 0.5 });
    });
  });

  describe('events with holds', () => {
    it('refuses a capacity below booked + held with 409, and cancels active holds with the event', async () => {
      const event = await t.make.event({ capacity: 10 });
      await t.http.post('/api/bookings/').set('Authorization', other.auth).send({ event_id: event.id, number_of_tickets: 4 });
      const held = await hold(event.id, 3);

      const patched = await t.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ capacity: 6 });
      expect(patched.status).toBe(409);
      expect(patched.body).toEqual({
        error: 'Capacity cannot be below the tickets already sold',
        tickets_sold: 4,
        tickets_held: 3,
        requested_capacity: 6,
      });
      expect((await t.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ capacity: 7 })).status).toBe(200);

      await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);
      const after = await t.http.get(`/api/holds/${held.body.hold_id}/`).set('Authorization', buyer.auth);
      expect(after.body.status).toBe('cancelled');
      expect((await confirmHold(t, buyer, held.body.hold_id)).body).toEqual({
        error: 'Hold is not active',
        status: 'cancelled',
        booking_id: null,
      });
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 7, available: 7, confirmed: 0, held: 0 });
    });

    it('creates events with hold_seconds (default 600), validates its range and changes it with PATCH', async () => {
      const base = { name: 'Holds', venue: 'Hall', starts_at: '2031-01-01T19:00:00Z', capacity: 10, price: '5.00' };
      const created = await t.http.post('/api/events/').set('Authorization', staff.auth).send(base);
      expect(created.body.hold_seconds).toBe(600);
      const tooShort = await t.http
        .post('/api/events/')
        .set('Authorization', staff.auth)
        .send({ ...base, hold_seconds: 59 });
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.details).toHaveProperty('hold_seconds');
      const patched = await t.http
        .patch(`/api/events/${created.body.event_id}/`)
        .set('Authorization', staff.auth)
        .send({ hold_seconds: 90 });
      expect(patched.body.hold_seconds).toBe(90);
    });
  });
});
