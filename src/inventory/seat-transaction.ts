import { EntityManager } from 'typeorm';

import {
  BookingAlreadyCancelledError,
  BookingNotFoundError,
  CapacityBelowSoldError,
  EventNotFoundError,
} from '../common/errors/domain-errors';
import { BookingEntity } from '../schema/booking.entity';
import { EventEntity } from '../schema/event.entity';
import { HoldEnding, HoldEntity, HoldSource } from '../schema/hold.entity';
import { AvailabilityCache } from './availability-cache';
import { EndedHold, HeldSeatsRepository, HoldSelection } from './held-seats.repository';
import { answerConfirmations, decideConfirmations, holdStanding } from './hold-confirmation';
import { allocateSeats, holdAsk } from './seat-allocation';
import { answerSeatWants } from './seat-answers';
import { SeatChangeLog } from './seat-change-log';
import {
  ChangedBy,
  HoldCaller,
  HoldConfirmation,
  NewBooking,
  NewHold,
  SeatAnswer,
  SeatRequest,
  SeatsTakenBy,
  SeatWant,
  takenBy,
} from './seat-requests';
import { SeatsRepository } from './seats.repository';
import { offersDownTheLine } from './waiting-line-offers';

/** What a seat transaction writes through: the seat statements, and this instance's availability cache. */
export interface SeatStores {
  seats: SeatsRepository;
  heldSeats: HeldSeatsRepository;
  availability: AvailabilityCache;
}

/** How a release ended: the hold released, or found past its time and ended as expired instead (410). */
export type HoldRelease = { kind: 'released'; hold: EndedHold } | { kind: 'expired' };

const BY_THE_CLOCK: ChangedBy = { actorId: null, requestId: null };

/**
 * One transaction of an event's seats: what may be done with them while the event row is locked.
 * The lock is taken on first use and held until the transaction commits, so nothing slow belongs
 * here. Lock order, for every path: the event row, then hold rows, then waiting-list and booking
 * rows; the sweeper takes the same order, so none of them can deadlock. Every change that frees
 * seats offers them down the waiting line before it returns (contract 6).
 */
export class SeatTransaction {
  private event?: EventEntity;
  /** The event's free seats as this transaction has left them so far. */
  private free = 0;
  private seatsReturned = false;
  readonly log = new SeatChangeLog();

  constructor(
    readonly eventId: string,
    readonly manager: EntityManager,
    private readonly stores: SeatStores,
  ) {}

  /** The event row, locked FOR UPDATE as the transaction found it: every seat change of the event queues here. */
  async lockEvent(): Promise<EventEntity> {
    if (!this.event) {
      this.event = (await this.stores.seats.lockEvent(this.eventId, this.manager)) ?? undefined;
      if (!this.event) throw new EventNotFoundError();
      this.free = this.event.availableTickets;
    }
    return this.event;
  }

  /** The seats free now, within this transaction. */
  get availableTickets(): number {
    return this.free;
  }

  /** Whether the cached availability must be dropped once the transaction commits. */
  get returnedSeats(): boolean {
    return this.seatsReturned;
  }

  /** Books, or throws why not. */
  async book(booking: NewBooking): Promise<BookingEntity> {
    return (await this.decideOne({ kind: 'booking', booking })).booking;
  }

  /** Holds seats, or throws why not. */
  async hold(hold: NewHold): Promise<HoldEntity> {
    return (await this.decideOne({ kind: 'hold', hold })).hold;
  }

  /** Confirms a hold into a booking, or throws why not (an expiry it found is ended here, and commits). */
  async confirm(confirmation: HoldConfirmation): Promise<{ booking: BookingEntity; source: HoldSource }> {
    return this.decideOne({ kind: 'confirm', confirmation });
  }

  private async decideOne<R extends SeatRequest>(request: R): Promise<SeatsTakenBy<R['kind']>> {
    const [answer] = await this.decide([request]);
    if (answer.status === 'rejected') throw answer.reason;
    return takenBy(request, answer.value);
  }

  /**
   * Answers a batch of requests, each on its own: the confirmations first (they free seats only
   * when a hold has run out), then the bookings and holds against the free seats.
   */
  async decide(requests: SeatRequest[]): Promise<SeatAnswer[]> {
    const confirmations = requests.flatMap((request) => (request.kind === 'confirm' ? [request.confirmation] : []));
    const confirmed = (confirmations.length ? await this.confirmHolds(confirmations) : [])[Symbol.iterator]();
    const taken = (await this.takeSeats(requests.filter((request): request is SeatWant => request.kind !== 'confirm')))[Symbol.iterator]();
    return requests.map((request) => (request.kind === 'confirm' ? confirmed : taken).next().value!);
  }

  /**
   * Decides each request in arrival order against the free seats, makes the bookings that fit in
   * one statement and the holds in another, and answers each: what it got, or why it was refused.
   * A refused request takes no seats from those after it; a hold of a user who holds seats of the
   * event already is refused before the seats are counted. Only when a request is short are the
   * event's overdue holds reclaimed, so no request is refused for seats whose hold has run out,
   * and a transaction with seats to spare pays nothing for them.
   */
  private async takeSeats(requests: SeatWant[]): Promise<SeatAnswer[]> {
    if (!requests.length) return [];
    const event = await this.lockEvent();
    const asks = requests.map((request) => (request.kind === 'booking' ? { tickets: request.booking.tickets } : holdAsk(request.hold)));
    let holdOf = await this.activeHoldsAmong(requests);
    let allocation = allocateSeats(event, this.free, asks, new Set(holdOf.keys()), new Date());
    if (allocation.short && (await this.expireOverdueHolds()).length) {
      holdOf = await this.activeHoldsAmong(requests);
      allocation = allocateSeats(event, this.free, asks, new Set(holdOf.keys()), new Date());
    }
    const fitting = requests.filter((_, index) => allocation.decisions[index].kind === 'fits');
    const bookings = fitting.flatMap((request) => (request.kind === 'booking' ? [request.booking] : []));
    const holds = fitting.flatMap((request) => (request.kind === 'hold' ? [request.hold] : []));
    const booked = bookings.length ? await this.stores.seats.insertBookings(event.id, bookings, this.manager) : [];
    const held = holds.length ? await this.stores.heldSeats.insertHolds(event, holds, this.manager) : [];
    this.free = allocation.seatsLeft;
    this.log.holdsCreated += held.length;
    // Lowered inside the transaction: were it to roll back, the cache would only show fewer seats.
    this.stores.availability.lower(event.id, this.free);
    for (const hold of held) holdOf.set(hold.userId, hold.id);
    return answerSeatWants(requests, allocation.decisions, booked, held, holdOf);
  }

  /**
   * The active hold, by user, of each user who asks for one here. A user's hold whose time is up
   * ends first (expired, its seats down the waiting line), so it does not stand in the way of
   * their new one.
   */
  private async activeHoldsAmong(requests: SeatWant[]): Promise<Map<string, string>> {
    const userIds = [...new Set(requests.flatMap((request) => (request.kind === 'hold' ? [request.hold.userId] : [])))];
    if (!userIds.length) return new Map();
    let holds = await this.stores.heldSeats.activeHoldsOf(this.eventId, userIds, this.manager);
    const overdue = holds.filter((hold) => hold.overdue).map((hold) => hold.id);
    if (overdue.length) {
      await this.endHolds({ ids: overdue }, 'expired', BY_THE_CLOCK);
      holds = await this.stores.heldSeats.activeHoldsOf(this.eventId, userIds, this.manager);
    }
    return new Map(holds.map((hold) => [hold.userId, hold.id]));
  }

  /**
   * Confirms holds into bookings in one statement, under the event's lock and then the holds'
   * (the one lock order). A hold whose time is up ends as expired here, swept or not, and its
   * seats go down the waiting line.
   */
  private async confirmHolds(confirmations: HoldConfirmation[]): Promise<SeatAnswer[]> {
    await this.lockEvent();
    const holdIds = confirmations.map((confirmation) => confirmation.holdId);
    const decisions = decideConfirmations(confirmations, await this.stores.heldSeats.lockHolds(this.eventId, holdIds, this.manager));
    const overdue = decisions.flatMap((decision) => (decision.kind === 'overdue' ? [decision.hold.id] : []));
    if (overdue.length) await this.endHolds({ ids: overdue }, 'expired', BY_THE_CLOCK);
    const toBook = decisions.flatMap((decision, index) =>
      decision.kind === 'active'
        ? [{ hold: decision.hold, actorId: confirmations[index].caller.id, requestId: confirmations[index].requestId }]
        : [],
    );
    const booked = toBook.length ? await this.stores.seats.bookHolds(this.eventId, toBook, this.manager) : [];
    const bookingOf = new Map(toBook.map(({ hold }, index) => [hold.id, booked[index]]));
    return answerConfirmations(decisions, bookingOf);
  }

  /** Contract 2: cancels a confirmed booking and gives its seats back (404 unknown, 400 cancelled already). */
  async cancelBooking(bookingId: string, by: ChangedBy): Promise<BookingEntity> {
    await this.lockEvent();
    const booking = await this.stores.seats.lockBooking(bookingId, this.manager);
    if (!booking) throw new BookingNotFoundError();
    if (booking.status === 'cancelled') throw new BookingAlreadyCancelledError();
    await this.stores.seats.cancelBooking(booking, by, this.manager);
    await this.seatsCameBack(booking.numberOfTickets);
    return { ...booking, status: 'cancelled' };
  }

  /** Releases an active hold (contract 5): 404 for another user's (non-staff), 410 / 409 when it is no longer active. */
  async releaseHold(holdId: string, caller: HoldCaller, by: ChangedBy): Promise<HoldRelease> {
    await this.lockEvent();
    const standing = holdStanding((await this.stores.heldSeats.lockHold(holdId, this.manager)) ?? undefined, caller);
    if (standing.kind === 'refused') throw standing.refusal;
    if (standing.kind === 'overdue') {
      await this.endHolds({ ids: [holdId] }, 'expired', BY_THE_CLOCK);
      return { kind: 'expired' };
    }
    const [hold] = await this.endHolds({ ids: [holdId] }, 'released', by);
    return { kind: 'released', hold };
  }

  /** Ends active holds without a booking (their seats come back once), then offers the seats down the line. */
  async endHolds(which: HoldSelection, ending: HoldEnding, by: ChangedBy): Promise<EndedHold[]> {
    const event = await this.lockEvent();
    const ended = await this.stores.heldSeats.endHolds(event.id, which, ending, by, this.manager);
    if (!ended.length) return ended;
    this.log.holdsEnded(ending, ended);
    await this.seatsCameBack(ended.reduce((total, hold) => total + hold.numberOfTickets, 0));
    return ended;
  }

  /** Gives back the seats of the event's holds whose time is up (up to `limit` of them), oldest first. */
  expireOverdueHolds(limit?: number): Promise<EndedHold[]> {
    return this.endHolds({ overdue: true, limit }, 'expired', BY_THE_CLOCK);
  }

  /**
   * A new capacity moves the free seats by as much, so seats booked or held stay taken; one below
   * them is refused (holds whose time is up are reclaimed first). Seats that appear go down the
   * waiting line first.
   */
  async resize(capacity: number): Promise<void> {
    const event = await this.lockEvent();
    await this.expireOverdueHolds();
    const taken = event.capacity - this.free;
    if (capacity < taken) {
      const held = await this.stores.heldSeats.heldSeats(event.id, this.manager);
      throw new CapacityBelowSoldError(taken - held, held, capacity);
    }
    await this.stores.seats.resize(event.id, capacity, this.manager);
    await this.seatsCameBack(capacity - event.capacity);
  }

  /**
   * Cancels the event (contracts 5, 6): its waiting entries first, so the seats of its active
   * holds, cancelled next, are offered to no one; then its bookings, with every seat back. Returns
   * the cancelled event and its cancelled bookings' ids.
   */
  async cancelEvent(by: ChangedBy): Promise<{ event: EventEntity; cancelledBookingIds: string[] }> {
    await this.lockEvent();
    this.log.entriesCancelled += await this.stores.heldSeats.cancelWaitingEntries(this.eventId, this.manager);
    await this.endHolds({ all: true }, 'cancelled', by);
    const cancelledBookingIds = await this.stores.seats.cancelEvent(this.eventId, by, this.manager);
    this.event = (await this.stores.seats.lockEvent(this.eventId, this.manager))!;
    this.free = this.event.availableTickets;
    this.seatsReturned = true;
    return { event: this.event, cancelledBookingIds };
  }

  /** Seats freed by this transaction: counted, the cache told at commit, and offered down the waiting line. */
  private async seatsCameBack(seats: number): Promise<void> {
    const event = await this.lockEvent();
    this.free += seats;
    this.seatsReturned = true;
    const offers = await offersDownTheLine(this.stores.heldSeats, event, this.free, this.manager);
    if (!offers.length) return;
    const held = await this.stores.heldSeats.insertHolds(event, offers, this.manager);
    this.free -= held.reduce((total, hold) => total + hold.numberOfTickets, 0);
    this.log.offersMade += held.length;
  }
}
