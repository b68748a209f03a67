import { Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { Transactions } from '../database/transactions';
import { AvailabilityCache } from '../events/availability-cache';
import { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { BookingsRepository } from './bookings.repository';

export interface EventCancellation {
  event: EventEntity;
  /** True for a repeated call, which changed nothing. */
  alreadyCancelled: boolean;
  cancelledBookingIds: string[];
}

/**
 * Cancelling an event cancels its confirmed bookings in the same transaction, so this lives with
 * the bookings. Cancelling a cancelled event changes nothing and answers the same (idempotent).
 */
@Injectable()
export class EventCancellationService {
  constructor(
    private readonly events: EventsRepository,
    private readonly bookings: BookingsRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
    private readonly availability: AvailabilityCache,
  ) {}

  async cancelEvent(eventId: string, actor: Actor): Promise<EventCancellation> {
    const cancellation = await this.transactions.run(async (manager) => {
      const event = await this.events.findForUpdate(eventId, manager);
      if (!event) throw new EventNotFoundError();
      if (event.status === 'cancelled') return { event, alreadyCancelled: true, cancelledBookingIds: [] };
      const cancelledBookingIds = await this.bookings.cancelConfirmedOfEvent(eventId, manager);
      const cancelled = await this.events.markCancelled(eventId, manager);
      const by = { actorId: actor.user.id, eventId, requestId: actor.requestId };
      await this.audit.recordAll(
        [
          { action: 'event.cancelled', ...by },
          ...cancelledBookingIds.map((bookingId) => ({ action: 'booking.cancelled' as const, bookingId, ...by })),
        ],
        manager,
      );
      return { event: cancelled, alreadyCancelled: false, cancelledBookingIds };
    });
    this.availability.forget(eventId);
    return cancellation;
  }
}
