import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { BookingRejectionEntity } from '../../schema/booking-rejection.entity';

export type NewRejection = Omit<BookingRejectionEntity, 'id' | 'at'>;

@Injectable()
export class BookingRejectionsRepository {
  constructor(@InjectRepository(BookingRejectionEntity) private readonly rejections: Repository<BookingRejectionEntity>) {}

  /**
   * Outside any transaction on purpose: the refused requests' transactions have already rolled
   * back. Written as SQL, one statement for all: during a sell-out nearly every request is
   * refused, and TypeORM's insert builder cost more CPU than the insert.
   */
  async insertAll(rejections: readonly NewRejection[]): Promise<void> {
    await this.rejections.query(
      `INSERT INTO booking_rejections (reason, event_id, user_id, requested_tickets, request_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::integer[], $5::text[])`,
      [
        rejections.map((rejection) => rejection.reason),
        rejections.map((rejection) => rejection.eventId),
        rejections.map((rejection) => rejection.userId),
        rejections.map((rejection) => rejection.requestedTickets),
        rejections.map((rejection) => rejection.requestId),
      ],
    );
  }

  /** Deletes up to `batch` rejections older than `days` (oldest first, through the `at` index); returns how many. */
  async deleteOlderThan(days: number, batch: number): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.rejections.query(
      `DELETE FROM booking_rejections WHERE id IN (
         SELECT id FROM booking_rejections WHERE at < now() - make_interval(days => $1) ORDER BY at LIMIT $2)`,
      [days, batch],
    );
    return deleted;
  }
}
