import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest } from '../common/pagination/pagination';
import { lockById } from '../database/lock-by-id';
import { pageOf } from '../database/page-of';
import { BookingEntity, BookingStatus } from './booking.entity';

export interface BookingFilters {
  userId?: string;
  eventId?: string;
  status?: BookingStatus;
}

/** A booking to make, with who asked for it (for its `booking.created` audit entry). */
export interface NewBooking {
  userId: string;
  tickets: number;
  actorId: string;
  requestId: string | null;
}

interface InsertedBooking {
  id: string;
  total_amount: string;
  created_at: Date;
}

@Injectable()
export class BookingsRepository {
  constructor(@InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>) {}

  findById(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ id });
  }

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then booking). */
  findForUpdate(id: string, manager: EntityManager): Promise<BookingEntity | null> {
    return lockById(manager, BookingEntity, id);
  }

  /**
   * Takes the seats of all the bookings, inserts them confirmed and writes their audit entries in
   * one statement, so the caller holding the event's row lock waits for one round trip however
   * many bookings share its turn. Ids are made here so each answer finds its own row. Totals are
   * the event's price x tickets, multiplied by PostgreSQL in numeric; the CHECK on events keeps
   * the seats >= 0.
   */
  async insertConfirmedTakingSeats(eventId: string, wanted: NewBooking[], manager: EntityManager): Promise<BookingEntity[]> {
    const ids = wanted.map(() => randomUUID());
    const rows: InsertedBooking[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::integer[], $5::uuid[], $6::text[]) AS w(id, user_id, tickets, actor_id, request_id)
       ), seats AS (
         UPDATE events SET available_tickets = available_tickets - (SELECT sum(tickets) FROM wanted)::integer, updated_at = now()
         WHERE id = $1 RETURNING price
       ), booking AS (
         INSERT INTO bookings (id, user_id, event_id, number_of_tickets, status, total_amount)
         SELECT w.id, w.user_id, $1, w.tickets, 'confirmed', seats.price * w.tickets FROM wanted w, seats
         RETURNING id, total_amount, created_at
       ), audit AS (
         INSERT INTO audit_entries (action, actor_id, booking_id, event_id, request_id)
         SELECT 'booking.created', w.actor_id, booking.id, $1, w.request_id FROM booking JOIN wanted w USING (id)
       )
       SELECT id, total_amount, created_at FROM booking`,
      [eventId, ids, wanted.map((b) => b.userId), wanted.map((b) => b.tickets), wanted.map((b) => b.actorId), wanted.map((b) => b.requestId)],
    );
    const inserted = new Map(rows.map((row) => [row.id, row]));
    return wanted.map((booking, index) => {
      const row = inserted.get(ids[index])!;
      return manager.getRepository(BookingEntity).create({
        id: row.id,
        userId: booking.userId,
        eventId,
        numberOfTickets: booking.tickets,
        status: 'confirmed',
        totalAmount: row.total_amount,
        createdAt: row.created_at,
        cancelledAt: null,
      });
    });
  }

  async markCancelled(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(BookingEntity).update({ id }, { status: 'cancelled', cancelledAt: () => 'now()' });
  }

  /** Cancels every confirmed booking of the event; returns their ids. */
  async cancelConfirmedOfEvent(eventId: string, manager: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now()
       WHERE event_id = $1 AND status = 'confirmed' RETURNING id`,
      [eventId],
    );
    return rows.map((row) => row.id);
  }

  /** Newest first, id breaking ties, so consecutive pages never repeat or skip a row. */
  page(filters: BookingFilters, request: PageRequest): Promise<[BookingEntity[], number]> {
    const query = this.bookings.createQueryBuilder('booking').orderBy('booking.createdAt', 'DESC').addOrderBy('booking.id', 'DESC');
    if (filters.userId) query.andWhere('booking.userId = :userId', { userId: filters.userId });
    if (filters.eventId) query.andWhere('booking.eventId = :eventId', { eventId: filters.eventId });
    if (filters.status) query.andWhere('booking.status = :status', { status: filters.status });
    return pageOf(query, request);
  }
}
