import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, Repository } from 'typeorm';

import { inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { frozenRowsById } from '../common/batching/frozen-rows-by-id';
import { lockById } from '../database/lock-by-id';
import { insertAuditEntriesSql } from '../schema/audit-entry.entity';
import { BookingEntity, bookingFromRow, BookingRow } from '../schema/booking.entity';
import { EventEntity } from '../schema/event.entity';
import { HoldEntity } from '../schema/hold.entity';
import { ChangedBy, NewBooking } from './seat-requests';
import { changeSeatsSql, confirmHoldsSql, convertEntriesSql } from './seat-sql';

/** A hold to confirm into a booking, with who confirms it (for the audit entries). */
export interface HoldToBook {
  hold: HoldEntity;
  actorId: string;
  requestId: string | null;
}

/**
 * The statements that move an event's seats between the public, bookings and the event itself:
 * the event row's lock, bookings made and cancelled, capacity changes. Each write is one statement
 * (seats, rows and their audit entries together), so a transaction holding the event's lock waits
 * for one round trip however many requests it serves. Holds and the waiting line: HeldSeatsRepository.
 */
@Injectable()
export class SeatsRepository {
  // During an on-sale every availability poll and every early refusal reads the same row.
  private readonly eventsById: DataLoader<string, Readonly<EventEntity> | null>;

  constructor(@InjectRepository(EventEntity) events: Repository<EventEntity>) {
    this.eventsById = frozenRowsById(events);
  }

  /** The event as committed now, unlocked and shared (frozen) with the requests of this pass of the event loop. */
  findEvent(id: string): Promise<Readonly<EventEntity> | null> {
    return this.eventsById.load(id);
  }

  /** The event row locked until the transaction ends: every seat change of an event queues here. */
  lockEvent(id: string, manager: EntityManager): Promise<EventEntity | null> {
    return lockById(manager, EventEntity, id);
  }

  /** A new capacity moves the seats left by as much, so the tickets sold stay sold. */
  async resize(eventId: string, capacity: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE events SET available_tickets = available_tickets + ($2 - capacity), capacity = $2, updated_at = now() WHERE id = $1`,
      [eventId, capacity],
    );
  }

  /**
   * Books in one statement over three tables: takes the seats of all the bookings, inserts them
   * confirmed and writes their `booking.created` audit entries. Ids are made here so each answer
   * finds its own row; totals are price x tickets in PostgreSQL's numeric.
   */
  async insertBookings(eventId: string, wanted: NewBooking[], manager: EntityManager): Promise<BookingEntity[]> {
    const ids = wanted.map(() => randomUUID());
    const rows: BookingRow[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::integer[], $5::uuid[], $6::text[]) AS w(id, user_id, tickets, actor_id, request_id)
       ), seats AS (
         ${changeSeatsSql('$1', '-(SELECT sum(tickets) FROM wanted)::integer')} RETURNING price
       ), booking AS (
         INSERT INTO bookings (id, user_id, event_id, number_of_tickets, status, total_amount)
         SELECT w.id, w.user_id, $1, w.tickets, 'confirmed', seats.price * w.tickets FROM wanted w, seats
         RETURNING *
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'booking.created', w.actor_id, booking.id, $1, w.request_id, NULL::uuid, NULL::uuid FROM booking JOIN wanted w USING (id)`)}
       )
       SELECT * FROM booking`,
      [
        eventId,
        ids,
        wanted.map((b) => b.userId),
        wanted.map((b) => b.tickets),
        wanted.map((b) => b.actorId),
        wanted.map((b) => b.requestId),
      ],
    );
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => bookingFromRow(row!));
  }

  /**
   * Confirms holds of one event into bookings in one statement: each booking at its hold's quoted
   * total, the holds marked confirmed, their waiting-list entries converted, and a
   * `booking.created` and a `hold.confirmed` audit entry each. The holds' seats were taken when
   * they were made, so none move. Answers in the order asked.
   */
  async bookHolds(eventId: string, confirmations: HoldToBook[], manager: EntityManager): Promise<BookingEntity[]> {
    const ids = confirmations.map(() => randomUUID());
    const rows: BookingRow[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::integer[], $6::numeric[], $7::uuid[], $8::text[])
           AS w(id, hold_id, user_id, tickets, total, actor_id, request_id)
       ), booking AS (
         INSERT INTO bookings (id, user_id, event_id, number_of_tickets, status, total_amount)
         SELECT w.id, w.user_id, $1, w.tickets, 'confirmed', w.total FROM wanted w RETURNING *
       ), hold AS (
         ${confirmHoldsSql('SELECT hold_id, id FROM wanted')}
       ), entry AS (
         ${convertEntriesSql('SELECT hold_id FROM wanted')}
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT a.action, w.actor_id, w.id, $1, w.request_id, w.hold_id, NULL::uuid
            FROM wanted w CROSS JOIN (VALUES ('booking.created'), ('hold.confirmed')) AS a(action)`)}
       )
       SELECT * FROM booking`,
      [
        eventId,
        ids,
        confirmations.map(({ hold }) => hold.id),
        confirmations.map(({ hold }) => hold.userId),
        confirmations.map(({ hold }) => hold.numberOfTickets),
        confirmations.map(({ hold }) => hold.totalAmount),
        confirmations.map(({ actorId }) => actorId),
        confirmations.map(({ requestId }) => requestId),
      ],
    );
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => bookingFromRow(row!));
  }

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then booking). */
  lockBooking(id: string, manager: EntityManager): Promise<BookingEntity | null> {
    return lockById(manager, BookingEntity, id);
  }

  /** Cancels a confirmed booking in one statement: its seats back to the event, and its `booking.cancelled` audit entry. */
  async cancelBooking(booking: BookingEntity, by: ChangedBy, manager: EntityManager): Promise<void> {
    await manager.query(
      `WITH booking AS (
         UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1 AND status = 'confirmed' RETURNING id, number_of_tickets
       ), seats AS (
         ${changeSeatsSql('$2', '(SELECT COALESCE(sum(number_of_tickets), 0) FROM booking)::integer')}
       )
       ${insertAuditEntriesSql(`SELECT 'booking.cancelled', $3::uuid, booking.id, $2::uuid, $4::varchar, NULL::uuid, NULL::uuid FROM booking`)}`,
      [booking.id, booking.eventId, by.actorId, by.requestId],
    );
  }

  /**
   * Cancels the event in one statement: its confirmed bookings cancelled, every seat back, and the
   * `event.cancelled` and `booking.cancelled` audit entries. Returns the cancelled bookings' ids.
   */
  async cancelEvent(eventId: string, by: ChangedBy, manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH booking AS (
         UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE event_id = $1 AND status = 'confirmed' RETURNING id
       ), event AS (
         UPDATE events SET status = 'cancelled', available_tickets = capacity, updated_at = now() WHERE id = $1 RETURNING id
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'event.cancelled', $2::uuid, NULL::uuid, event.id, $3::varchar, NULL::uuid, NULL::uuid FROM event
            UNION ALL SELECT 'booking.cancelled', $2::uuid, booking.id, $1::uuid, $3::varchar, NULL::uuid, NULL::uuid FROM booking`)}
       )
       SELECT id FROM booking`,
      [eventId, by.actorId, by.requestId],
    );
    return rows.map((row) => row.id);
  }
}
