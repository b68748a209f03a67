import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Metrics } from '../metrics/metrics';
import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { AvailabilityCache } from './availability-cache';
import { EventWriteQueue } from './event-write-queue';
import { HeldSeatsRepository } from './held-seats.repository';
import { HoldConfirmation, NewBooking, NewHold, SeatRequest, SeatsTaken, SeatsTakenBy, takenBy } from './seat-requests';
import { SeatStores, SeatTransaction } from './seat-transaction';
import { SeatsRepository } from './seats.repository';

/**
 * The one owner of seat changes. Each change waits in its event's queue and runs in a seat
 * transaction holding the event's row lock (contract 1: capacity check, seat change and booking
 * commit together). Bookings, holds and confirmations that wait together are decided in one
 * batch; anything else (a release, the waiting line, a cancellation, the sweeper, a keyed
 * request) runs in a transaction of its own.
 */
@Injectable()
export class SeatInventory {
  private readonly logger = new Logger('Seats');
  private readonly queue: EventWriteQueue<SeatRequest, SeatsTaken>;
  private readonly stores: SeatStores;

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    private readonly metrics: Metrics,
    private readonly seats: SeatsRepository,
    heldSeats: HeldSeatsRepository,
    private readonly availability: AvailabilityCache,
  ) {
    this.stores = { seats, heldSeats, availability };
    const limits = {
      concurrency: config.bookingConcurrencyPerEvent,
      maxWaiting: config.bookingQueuePerEvent,
      maxBatch: config.bookingBatchPerEvent,
    };
    this.queue = new EventWriteQueue(limits, (eventId, requests) => this.inTransaction(eventId, (seats) => seats.decide(requests)));
  }

  /** Books in the event's next batch. */
  async book(eventId: string, booking: NewBooking): Promise<BookingEntity> {
    return (await this.inBatch(eventId, { kind: 'booking', booking })).booking;
  }

  /** Holds seats in the event's next batch. */
  async hold(eventId: string, hold: NewHold): Promise<HoldEntity> {
    return (await this.inBatch(eventId, { kind: 'hold', hold })).hold;
  }

  /** Confirms a hold into a booking in the event's next batch. */
  confirm(eventId: string, confirmation: HoldConfirmation): Promise<{ booking: BookingEntity; source: HoldSource }> {
    return this.inBatch(eventId, { kind: 'confirm', confirmation });
  }

  /** Runs `work` in a seat transaction of its own, queued with the event's other changes. */
  transaction<T>(eventId: string, work: (seats: SeatTransaction) => Promise<T>): Promise<T> {
    return this.queue.run(eventId, () => this.inTransaction(eventId, work));
  }

  /** Contract 4: the committed count at this instant, or a cached one when the cache is on; null for no such event. */
  availableTickets(eventId: string): Promise<number | null> {
    return this.availability.read(eventId, async (id) => (await this.seats.findEvent(id))?.availableTickets ?? null);
  }

  private async inBatch<R extends SeatRequest>(eventId: string, request: R): Promise<SeatsTakenBy<R['kind']>> {
    return takenBy(request, await this.queue.joinBatch(eventId, request));
  }

  private async inTransaction<T>(eventId: string, work: (seats: SeatTransaction) => Promise<T>): Promise<T> {
    let seats: SeatTransaction | undefined;
    const result = await this.transactions.run((manager) => work((seats = new SeatTransaction(eventId, manager, this.stores))));
    // Dropped once committed: dropped before, a read in between could cache the old count again.
    if (seats?.returnedSeats) this.availability.forget(eventId);
    seats?.log.record(eventId, this.metrics, this.logger);
    return result;
  }
}
