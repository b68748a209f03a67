import { Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { EventTurns } from '../inventory/event-turns';
import { EventEntity } from '../schema/event.entity';
import { BookingsRepository } from './bookings.repository';

export interface EventCancellation {
  event: EventEntity;
  /** True for a repeated call, which changed nothing. */
  alreadyCancelled: boolean;
  cancelledBookingIds: string[];
}

/**
 * Cancelling an event cancels its confirmed bookings, active holds and waiting-list entries in the
 * same transaction (contracts 5 and 6); it lives with the bookings. Cancelling a cancelled event changes nothing and answers the same (idempotent).
 */
@Injectable()
export class EventCancellationService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly audit: AuditRepository,
    private readonly turns: EventTurns,
  ) {}

  /**
   * In the event's turn: its waiting entries are cancelled first, so the seats of its active
   * holds, cancelled next, are offered to no one; then its bookings, then the event itself.
   */
  cancelEvent(eventId: string, actor: Actor): Promise<EventCancellation> {
    return this.turns.alone(eventId, async (turn) => {
      const event = await turn.lockEvent();
      if (event.status === 'cancelled') return { event, alreadyCancelled: true, cancelledBookingIds: [] };
      const by = { actorId: actor.user.id, eventId, requestId: actor.requestId };
      await turn.cancelWaitingLine();
      await turn.endHolds({ all: true }, 'cancelled', by);
      const cancelledBookingIds = await this.bookings.cancelConfirmedOfEvent(eventId, turn.manager);
      const cancelled = await turn.markCancelled();
      await this.audit.recordAll(
        [
          { action: 'event.cancelled', ...by },
          ...cancelledBookingIds.map((bookingId) => ({ action: 'booking.cancelled' as const, bookingId, ...by })),
        ],
        turn.manager,
      );
      return { event: cancelled, alreadyCancelled: false, cancelledBookingIds };
    });
  }
}
