import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { BookingEntity } from '../src/bookings/booking.entity';
import { BookingsRepository, NewBooking } from '../src/bookings/bookings.repository';
import { EventEntity } from '../src/events/event.entity';
import { EventsRepository } from '../src/events/events.repository';
import { TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** What each request of the broken design below read, per transaction. */
const seenByTransaction = new WeakMap<EntityManager, EventEntity>();

/**
 * The broken design the lock exists to prevent, built only here: it reads the seat count without
 * a lock and writes back what it computed from that read (check-then-act), so two requests can
 * both see the last seat. A short sleep widens the window the way a busy database does.
 */
@Injectable()
class UnlockedEventsRepository extends EventsRepository {
  override async findForUpdate(id: string, manager: EntityManager): Promise<EventEntity | null> {
    const event = await manager.getRepository(EventEntity).findOneBy({ id });
    await manager.query('SELECT pg_sleep(0.02)');
    if (event) seenByTransaction.set(manager, event);
    return event;
  }
}

@Injectable()
class StaleWriteBookingsRepository extends BookingsRepository {
  override async insertConfirmedTakingSeats(eventId: string, wanted: NewBooking[], manager: EntityManager): Promise<BookingEntity[]> {
    // Put back the count this transaction read, so the decrement lands on a stale value.
    const seen = seenByTransaction.get(manager)!;
    await manager.getRepository(EventEntity).update({ id: eventId }, { availableTickets: seen.availableTickets });
    return super.insertConfirmedTakingSeats(eventId, wanted, manager);
  }
}

function bookConcurrently(t: TestApp, users: TestUser[], eventId: string) {
  return Promise.all(
    users.map((buyer) => t.http.post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: eventId, number_of_tickets: 1 })),
  );
}

function countOf(statuses: number[], status: number): number {
  return statuses.filter((candidate) => candidate === status).length;
}

describe('Bookings under concurrency (the event row lock)', () => {
  let t: TestApp;
  let buyers: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    buyers = await Promise.all(Array.from({ length: 120 }, () => t.make.user()));
  });
  afterAll(() => t.close());

  it('sells exactly 20 of 120 parallel one-ticket requests for a 20-seat event and rejects the rest with 409', async () => {
    const event = await t.make.event({ capacity: 20 });

    const responses = await bookConcurrently(t, buyers, event.id);

    const statuses = responses.map((response) => response.status);
    expect(countOf(statuses, 201)).toBe(20);
    expect(countOf(statuses, 409)).toBe(100);
    const refused = responses.filter((response) => response.status === 409).map((response) => response.headers['x-request-id']);
    const records: { request_id: string }[] = await t.dataSource.query(
      `SELECT request_id FROM booking_rejections WHERE event_id = $1 AND reason = 'insufficient_tickets'`,
      [event.id],
    );
    expect(records.map((record) => record.request_id).sort()).toEqual(refused.sort());
    const availability = await t.http.get(`/api/events/${event.id}/availability/`);
    expect(availability.body.available_tickets).toBe(0);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 20, available: 0, confirmed: 20 });
  });

  it('answers each of many parallel bookings with its own booking when they share a transaction', async () => {
    const event = await t.make.event({ capacity: 1_000, price: '10.00' });
    const wanted = buyers.slice(0, 60).map((buyer, index) => ({ buyer, tickets: 1 + (index % 4) }));

    const responses = await Promise.all(
      wanted.map(({ buyer, tickets }) =>
        t.http.post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: event.id, number_of_tickets: tickets }),
      ),
    );

    const rows: { id: string; user_id: string; number_of_tickets: number; created_at: Date; actor_id: string; request_id: string }[] =
      await t.dataSource.query(
        `SELECT b.id, b.user_id, b.number_of_tickets, b.created_at, a.actor_id, a.request_id
         FROM bookings b JOIN audit_entries a ON a.booking_id = b.id AND a.action = 'booking.created' WHERE b.event_id = $1`,
        [event.id],
      );
    const byId = new Map(rows.map((row) => [row.id, row]));
    responses.forEach((response, index) => {
      const { buyer, tickets } = wanted[index];
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ user_id: buyer.user.id, number_of_tickets: tickets, total_amount: `${tickets * 10}.00` });
      expect(byId.get(response.body.booking_id)).toMatchObject({
        user_id: buyer.user.id,
        number_of_tickets: tickets,
        actor_id: buyer.user.id,
        request_id: response.headers['x-request-id'],
      });
    });
    // One transaction stamps its bookings with one time: fewer times than bookings means some shared one.
    expect(new Set(rows.map((row) => row.created_at.getTime())).size).toBeLessThan(rows.length);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 1_000, available: 1_000 - 150, confirmed: 150 });
  });

  it('lets exactly one of 10 racing cancellations of a booking succeed', async () => {
    const event = await t.make.event({ capacity: 5 });
    const [owner] = buyers;
    const booked = await t.http.post('/api/bookings/').set('Authorization', owner.auth).send({ event_id: event.id, number_of_tickets: 3 });

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.http.delete(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', owner.auth)),
    );

    const statuses = responses.map((response) => response.status);
    expect(countOf(statuses, 200)).toBe(1);
    expect(countOf(statuses, 400)).toBe(9);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0 });
  });

  it('keeps confirmed + available = capacity through a mixed storm of bookings and cancellations', async () => {
    const event = await t.make.event({ capacity: 30 });
    const early = await Promise.all(
      buyers
        .slice(0, 20)
        .map((buyer) => t.http.post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: event.id, number_of_tickets: 1 })),
    );

    const storm = await Promise.all([
      ...early.map((booking, index) => t.http.delete(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', buyers[index].auth)),
      ...buyers.slice(20, 100).map((buyer, index) =>
        t.http
          .post('/api/bookings/')
          .set('Authorization', buyer.auth)
          .send({ event_id: event.id, number_of_tickets: 1 + (index % 3) }),
      ),
    ]);

    expect(storm.every((response) => [200, 201, 409].includes(response.status))).toBe(true);
    const ledger = await t.make.ledger(event.id);
    expect(ledger.available).toBeGreaterThanOrEqual(0);
    expect(ledger.confirmed + ledger.available).toBe(ledger.capacity);
  });
});

describe('Negative control: the same storm without the lock', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp((builder) =>
      builder
        .overrideProvider(EventsRepository)
        .useClass(UnlockedEventsRepository)
        .overrideProvider(BookingsRepository)
        .useClass(StaleWriteBookingsRepository),
    );
  });
  afterAll(() => t.close());

  it('oversells, proving the concurrency tests above can fail', async () => {
    const buyers = await Promise.all(Array.from({ length: 60 }, () => t.make.user()));
    const event = await t.make.event({ capacity: 20 });

    const statuses = (await bookConcurrently(t, buyers, event.id)).map((response) => response.status);

    const ledger = await t.make.ledger(event.id);
    expect(countOf(statuses, 201)).toBeGreaterThan(20);
    expect(ledger.confirmed).toBeGreaterThan(ledger.capacity);
    expect(ledger.confirmed + ledger.available).not.toBe(ledger.capacity);
  });
});
