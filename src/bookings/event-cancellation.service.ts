import { Injectable } from '@nestjs/common';

import { Actor } from '../common/auth/actor';
import { SeatInventory } from '../inventory';
import { EventEntity } from '../schema/event.entity';

export interface EventCancellation {
  event: EventEntity;
  /** True for a repeated call, which changed nothing. */
  alreadyCancelled: boolean;
  cancelledBookingIds: string[];
}

/**
 * Cancelling an event cancels its confirmed bookings, active holds and waiting-list entries in the
 * same transaction (contracts 5 and 6); it lives with the bookings. Cancelling a cancelled event
 * changes nothing and answers the same (idempotent).
 */
@Injectable()
export class EventCancellationService {
  constructor(private readonly inventory: SeatInventory) {}

  cancelEvent(eventId: string, actor: Actor): Promise<EventCancellation> {
    return this.inventory.transaction(eventId, async (seats) => {
      const event = await seats.lockEvent();
      if (event.status === 'cancelled') return { event, alreadyCancelled: true, cancelledBookingIds: [] };
      const cancelled = await seats.cancelEvent({ actorId: actor.user.id, requestId: actor.requestId });
      return { ...cancelled, alreadyCancelled: false };
    });
  }
}
