import { randomUUID } from 'node:crypto';

import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import type { TestApp } from './support/test-app';

// Long enough that nothing in this file outlives it: every change seen comes from this instance.
const SETTINGS = { AVAILABILITY_CACHE_TTL_MS: '60000' };

describe('Availability cache (AVAILABILITY_CACHE_TTL_MS > 0)', () => {
  let t: TestApp;
  let buyer: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
    buyer = await t.make.user();
    staff = await t.make.staff();
  });
  afterAll(() => t.close());

  const availability = async (eventId: string) => (await t.http.get(`/api/events/${eventId}/availability/`)).body.available_tickets;
  const sellElsewhere = (eventId: string, available: number) =>
    t.dataSource.query('UPDATE events SET available_tickets = $2 WHERE id = $1', [eventId, available]);

  it('answers from memory within the TTL: a sale on another instance shows later, never more seats than were read', async () => {
    const event = await t.make.event({ capacity: 10 });
    expect(await availability(event.id)).toBe(10);
    await sellElsewhere(event.id, 8);
    expect(await availability(event.id)).toBe(10);
  });

  it('shows this instance’s bookings at once, counted from the locked row', async () => {
    const event = await t.make.event({ capacity: 10 });
    expect(await availability(event.id)).toBe(10);
    await sellElsewhere(event.id, 8);
    const booking = await bookTickets(t, buyer, event.id, 3);
    expect(booking.status).toBe(201);
    expect(await availability(event.id)).toBe(5);
  });

  it('reads again after seats come back or staff change the event', async () => {
    const event = await t.make.event({ capacity: 10 });
    const booking = await bookTickets(t, buyer, event.id, 4);
    expect(await availability(event.id)).toBe(6);

    await cancelBooking(t, buyer, booking.body.booking_id).expect(200);
    expect(await availability(event.id)).toBe(10);

    await t.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ capacity: 15 }).expect(200);
    expect(await availability(event.id)).toBe(15);
  });

  it('never caches an unknown event: one created a moment after a 404 is seen at once', async () => {
    const id = randomUUID();
    expect((await t.http.get(`/api/events/${id}/availability/`)).status).toBe(404);
    await t.dataSource.query(
      `INSERT INTO events (id, name, venue, starts_at, capacity, available_tickets, price)
       VALUES ($1, 'Late', 'Hall', now() + interval '1 day', 5, 5, 10)`,
      [id],
    );
    expect(await availability(id)).toBe(5);
  });
});
