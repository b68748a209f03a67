import { Injectable } from '@nestjs/common';

import { BookingEntity } from '../bookings/booking.entity';
import { BookingsRepository, NewBooking } from '../bookings/bookings.repository';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { AvailabilityCache } from '../events/availability-cache';
import { EventsRepository } from '../events/events.repository';
import { EventLine } from './event-line';
import { EventTurn, TurnStores } from './event-turn';

/**
 * The one owner of seat changes: each waits in its event's line and runs in a turn, one
 * transaction holding the event's row lock (contract 1: capacity check, seat change and booking
 * commit together). Bookings that wait together share a turn; anything else takes one of its own.
 */
@Injectable()
export class EventTurns {
  private readonly line: EventLine<NewBooking, BookingEntity>;
  private readonly stores: TurnStores;

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    events: EventsRepository,
    bookings: BookingsRepository,
    availability: AvailabilityCache,
  ) {
    this.stores = { events, bookings, availability };
    const limits = {
      concurrency: config.bookingConcurrencyPerEvent,
      maxWaiting: config.bookingQueuePerEvent,
      maxShared: config.bookingBatchPerEvent,
    };
    this.line = new EventLine(limits, (eventId, wanted) => this.inTransaction(eventId, (turn) => turn.book(wanted)));
  }

  /** Books in the event's next turn, shared with the bookings that wait beside this one. */
  book(eventId: string, wanted: NewBooking): Promise<BookingEntity> {
    return this.line.share(eventId, wanted);
  }

  /** A turn of its own (an idempotent booking, a cancellation): `work` runs in the turn's transaction. */
  alone<T>(eventId: string, work: (turn: EventTurn) => Promise<T>): Promise<T> {
    return this.line.alone(eventId, () => this.inTransaction(eventId, work));
  }

  private async inTransaction<T>(eventId: string, work: (turn: EventTurn) => Promise<T>): Promise<T> {
    let turn: EventTurn | undefined;
    const result = await this.transactions.run((manager) => work((turn = new EventTurn(eventId, manager, this.stores))));
    // Dropped once committed: dropped before, a read in between could cache the old count again.
    if (turn?.returnedSeats) this.stores.availability.forget(eventId);
    return result;
  }
}
