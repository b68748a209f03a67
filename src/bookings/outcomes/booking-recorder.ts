import { Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';

import { Actor } from '../../common/auth/actor';
import { batchPerLoopPass } from '../../common/batching/batch-per-loop-pass';
import { Metrics } from '../../metrics/metrics';
import { BookingResponse } from '../dto/booking.response';
import { BookingRejectionsRepository, NewRejection } from './booking-rejections.repository';
import { rejectionReasonOf } from './rejection-reason';

/** What a booking request asked for, as far as it could be read (the body may be invalid). */
export interface BookingAttempt {
  eventId: unknown;
  tickets: unknown;
}

/**
 * The one place that learns how each booking request and cancellation ended, so the booking
 * service stays about bookings: it writes the log line, counts it and keeps the rejection record.
 */
@Injectable()
export class BookingRecorder {
  private readonly logger = new Logger('Bookings');
  // A sell-out refuses nearly every request; each still waits for its record before its answer.
  private readonly rejectionRecords = batchPerLoopPass(async (rejections: readonly NewRejection[]) => {
    await this.rejections.insertAll(rejections);
    return rejections.map(() => true);
  });

  constructor(
    private readonly rejections: BookingRejectionsRepository,
    private readonly metrics: Metrics,
  ) {}

  confirmed(booking: BookingResponse): void {
    this.metrics.bookingConfirmed(booking.number_of_tickets);
    this.logger.log({ msg: 'booking confirmed', outcome: 'booking.confirmed', ...booking });
  }

  /** Never throws: a failure to record must not replace the answer the client is owed. */
  async rejected(attempt: BookingAttempt, actor: Actor | undefined, error: unknown): Promise<void> {
    const reason = rejectionReasonOf(error);
    const eventId = typeof attempt.eventId === 'string' && isUUID(attempt.eventId) ? attempt.eventId : null;
    const tickets = Number.isInteger(attempt.tickets) ? (attempt.tickets as number) : null;
    this.metrics.bookingsRejected.inc({ reason });
    this.logger.log({
      msg: 'booking rejected',
      outcome: 'booking.rejected',
      reason,
      event_id: eventId,
      requested_tickets: tickets,
      user_id: actor?.user.id,
    });
    try {
      await this.rejectionRecords.load({
        reason,
        eventId,
        userId: actor?.user.id ?? null,
        requestedTickets: tickets,
        requestId: actor?.requestId ?? null,
      });
    } catch (recordError) {
      this.logger.warn({ msg: 'could not record a booking rejection', reason, error: (recordError as Error).message });
    }
  }

  cancelled(bookingId: string, actor: Actor): void {
    this.metrics.bookingsCancelled.inc();
    this.logger.log({ msg: 'booking cancelled', outcome: 'booking.cancelled', booking_id: bookingId, user_id: actor.user.id });
  }

  /** One line for the event however many bookings went with it; their ids are in the audit trail under the same request id. */
  eventCancelled(eventId: string, bookingsCancelled: number, actor: Actor): void {
    this.metrics.bookingsCancelled.inc(bookingsCancelled);
    this.logger.log({
      msg: 'event cancelled',
      outcome: 'event.cancelled',
      event_id: eventId,
      bookings_cancelled: bookingsCancelled,
      user_id: actor.user.id,
    });
  }
}
