import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
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

  /** A confirmed booking whose total is the event's price x tickets, multiplied by PostgreSQL in numeric. */
  async insertConfirmed(eventId: string, userId: string, tickets: number, manager: EntityManager): Promise<BookingEntity> {
    const [row]: InsertedBooking[] = await manager.query(
      `INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount)
       SELECT $1, e.id, $3::integer, 'confirmed', e.price * $3::integer FROM events e WHERE e.id = $2
       RETURNING id, total_amount, created_at`,
      [userId, eventId, tickets],
    );
    return manager.getRepository(BookingEntity).create({
      id: row.id,
      userId,
      eventId,
      numberOfTickets: tickets,
      status: 'confirmed',
      totalAmount: row.total_amount,
      createdAt: row.created_at,
      cancelledAt: null,
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
