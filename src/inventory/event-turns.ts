import { Injectable, Logger } from '@nestjs/common';

import { BookingsRepository, NewBooking } from '../bookings/bookings.repository';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { AvailabilityCache } from '../events/availability-cache';
import { EventsRepository } from '../events/events.repository';
import { HoldsRepository, NewHold } from '../holds/holds.repository';
import { Metrics } from '../metrics/metrics';
import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { WaitlistRepository } from '../waitlist/waitlist.repository';
import { EventLine } from './event-line';
import { EventTurn, TurnStores } from './event-turn';
import { HoldConfirmation } from './hold-confirmation';
import { SeatRequest, SeatsTaken } from './seat-request';

/**
 * The one owner of seat changes: each waits in its event's line and runs in a turn, one
 * transaction holding the event's row lock (contract 1: capacity check, seat change and booking
 * commit together). Bookings, holds and confirmations that wait together share a turn; anything
 * else (a release, the waiting line, a cancellation, the sweeper, a keyed request) takes one of its own.
 */
@Injectable()
export class EventTurns {
  private readonly logger = new Logger('Seats');
  private readonly line: EventLine<SeatRequest, SeatsTaken>;
  private readonly stores: TurnStores;

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    private readonly metrics: Metrics,
    events: EventsRepository,
    bookings: BookingsRepository,
    holds: HoldsRepository,
    waitlist: WaitlistRepository,
    availability: AvailabilityCache,
  ) {
    this.stores = { events, bookings, holds, waitlist, availability };
    const limits = {
      concurrency: config.bookingConcurrencyPerEvent,
      maxWaiting: config.bookingQueuePerEvent,
      maxShared: config.bookingBatchPerEvent,
    };
    this.line = new EventLine(limits, (eventId, wanted) => this.inTransaction(eventId, (turn) => turn.take(wanted)));
  }

  /** Books in the event's next turn, shared with the requests that wait beside this one. */
  async book(eventId: string, booking: NewBooking): Promise<BookingEntity> {
    return ((await this.line.share(eventId, { kind: 'booking', booking })) as { booking: BookingEntity }).booking;
  }

  /** Holds seats in the event's next turn, shared with the requests that wait beside this one. */
  async hold(eventId: string, hold: NewHold): Promise<HoldEntity> {
    return ((await this.line.share(eventId, { kind: 'hold', hold })) as { hold: HoldEntity }).hold;
  }

  /** Confirms a hold into a booking in the event's next turn, shared with the requests that wait beside this one. */
  async confirm(eventId: string, confirmation: HoldConfirmation): Promise<{ booking: BookingEntity; source: HoldSource }> {
    return (await this.line.share(eventId, { kind: 'confirm', confirmation })) as { booking: BookingEntity; source: HoldSource };
  }

  /** A turn of its own (an idempotent request, a confirmation, a cancellation...): `work` runs in the turn's transaction. */
  alone<T>(eventId: string, work: (turn: EventTurn) => Promise<T>): Promise<T> {
    return this.line.alone(eventId, () => this.inTransaction(eventId, work));
  }

  private async inTransaction<T>(eventId: string, work: (turn: EventTurn) => Promise<T>): Promise<T> {
    let turn: EventTurn | undefined;
    const result = await this.transactions.run((manager) => work((turn = new EventTurn(eventId, manager, this.stores))));
    // Dropped once committed: dropped before, a read in between could cache the old count again.
    if (turn?.returnedSeats) this.stores.availability.forget(eventId);
    turn?.log.record(eventId, this.metrics, this.logger);
    return result;
  }
}
