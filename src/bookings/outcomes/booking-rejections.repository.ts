import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BookingRejectionEntity } from './booking-rejection.entity';

export type NewRejection = Omit<BookingRejectionEntity, 'id' | 'at'>;

@Injectable()
export class BookingRejectionsRepository {
  constructor(@InjectRepository(BookingRejectionEntity) private readonly rejections: Repository<BookingRejectionEntity>) {}

  /**
   * Outside any transaction on purpose: the refused request's transaction has already rolled back.
   * Written as SQL: every refused booking pays for this insert, and during a sell-out that is most
   * requests; TypeORM's insert builder cost more CPU than the insert.
   */
  async insert(rejection: NewRejection): Promise<void> {
    await this.rejections.query(
      `INSERT INTO booking_rejections (reason, event_id, user_id, requested_tickets, request_id) VALUES ($1, $2, $3, $4, $5)`,
      [rejection.reason, rejection.eventId, rejection.userId, rejection.requestedTickets, rejection.requestId],
    );
  }
}
