import { EntityManager } from 'typeorm';

import { BookingsRepository } from '../bookings/bookings.repository';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { AvailabilityCache } from '../events/availability-cache';
import { EventsRepository } from '../events/events.repository';
import { EndedBy, EndedHold, HoldSelection, HoldsRepository, NewHold } from '../holds/holds.repository';
import { EventEntity } from '../schema/event.entity';
import { HoldEnding } from '../schema/hold.entity';
import { CandidatePage, LineCandidate, WaitlistRepository } from '../waitlist/waitlist.repository';
import { answerConfirmations, decideConfirmations, HoldConfirmation } from './hold-confirmation';
import { allocateSeats, refusalOf, SeatAsk } from './seat-allocation';
import { answerSeatWants } from './seat-answers';
import { SeatRequest, SeatWant, TurnAnswer as Answer } from './seat-request';
import { TurnLog } from './turn-log';

/** What a turn writes through: the repositories of the tables that hold seats, and this instance's availability cache. */
export interface TurnStores {
  events: EventsRepository;
  bookings: BookingsRepository;
  holds: HoldsRepository;
  waitlist: WaitlistRepository;
  availability: AvailabilityCache;
}

const BY_THE_CLOCK: EndedBy = { actorId: null, requestId: null };

/**
 * One turn of an event, inside its transaction: what may be done with the event's seats while the
 * event row is locked. The lock is taken on first use and held until the turn commits, so nothing
 * slow belongs in a turn. Lock order, for every path: the event row, then hold rows, then
 * waiting-list and booking rows; the sweeper takes the same order, so none of them can deadlock.
 */
export class EventTurn {
  private event?: EventEntity;
  /** The event's free seats as this turn has left them so far. */
  private seats = 0;
  private seatsReturned = false;
  readonly log = new TurnLog();

  constructor(
    readonly eventId: string,
    readonly manager: EntityManager,
    private readonly stores: TurnStores,
  ) {}

  /** The event row, locked FOR UPDATE as the turn found it: every seat change of the event queues here. */
  async lockEvent(): Promise<EventEntity> {
    if (!this.event) {
      this.event = (await this.stores.events.findForUpdate(this.eventId, this.manager)) ?? undefined;
      if (!this.event) throw new EventNotFoundError();
      this.seats = this.event.availableTickets;
    }
    return this.event;
  }

  /** The seats free now, within this turn. */
  get availableTickets(): number {
    return this.seats;
  }

  /**
   * Answers the requests of a turn, each on its own: the confirmations first (they free seats
   * only when a hold has run out), then the bookings and holds against the free seats.
   */
  async take(requests: SeatRequest[]): Promise<Answer[]> {
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
   * event's overdue holds reclaimed, so no request is refused for seats whose hold has run out, and
   * a turn with seats to spare pays nothing for them.
   */
  private async takeSeats(requests: SeatWant[]): Promise<Answer[]> {
    if (!requests.length) return [];
    const event = await this.lockEvent();
    const asks = requests.map((request): SeatAsk =>
      request.kind === 'booking' ? { tickets: request.booking.tickets } : askOf(request.hold),
    );
    let holdOf = await this.activeHoldsAmong(requests);
    let allocation = allocateSeats(event, this.seats, asks, new Set(holdOf.keys()), new Date());
    if (allocation.short && (await this.reclaimOverdue()).length) {
      holdOf = await this.activeHoldsAmong(requests);
      allocation = allocateSeats(event, this.seats, asks, new Set(holdOf.keys()), new Date());
    }
    const fitting = requests.filter((_, index) => allocation.decisions[index].kind === 'fits');
    const bookings = fitting.flatMap((request) => (request.kind === 'booking' ? [request.booking] : []));
    const holds = fitting.flatMap((request) => (request.kind === 'hold' ? [request.hold] : []));
    const booked = bookings.length ? await this.stores.bookings.insertConfirmedTakingSeats(event.id, bookings, this.manager) : [];
    const held = holds.length ? await this.stores.holds.insertActiveTakingSeats(event, holds, this.manager) : [];
    this.seats = allocation.seatsLeft;
    this.log.holdsCreated += held.length;
    // Lowered inside the transaction: were it to roll back, the cache would only show fewer seats.
    this.stores.availability.lower(event.id, this.seats);
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
    let holds = await this.stores.holds.activeHoldsOf(this.eventId, userIds, this.manager);
    const overdue = holds.filter((hold) => hold.overdue).map((hold) => hold.id);
    if (overdue.length) {
      await this.endHolds({ ids: overdue }, 'expired', BY_THE_CLOCK);
      holds = await this.stores.holds.activeHoldsOf(this.eventId, userIds, this.manager);
    }
    return new Map(holds.map((hold) => [hold.userId, hold.id]));
  }

  /**
   * Confirms holds into bookings in one statement, under the event's lock and then the holds'
   * (the one lock order). A hold whose time is up ends as expired here, swept or not, and its
   * seats go down the waiting line.
   */
  private async confirmHolds(confirmations: HoldConfirmation[]): Promise<Answer[]> {
    await this.lockEvent();
    const locked = await this.stores.holds.findManyForUpdate(
      this.eventId,
      confirmations.map((confirmation) => confirmation.holdId),
      this.manager,
    );
    const decisions = decideConfirmations(confirmations, locked);
    const overdue = decisions.flatMap((decision) => (decision.kind === 'overdue' ? [decision.hold.id] : []));
    if (overdue.length) await this.endHolds({ ids: overdue }, 'expired', BY_THE_CLOCK);
    const toBook = decisions.flatMap((decision, index) =>
      decision.kind === 'active'
        ? [{ hold: decision.hold, actorId: confirmations[index].caller.id, requestId: confirmations[index].requestId }]
        : [],
    );
    const booked = toBook.length ? await this.stores.bookings.insertConfirmedFromHolds(this.eventId, toBook, this.manager) : [];
    const bookingOf = new Map(toBook.map(({ hold }, index) => [hold.id, booked[index]]));
    return answerConfirmations(decisions, bookingOf);
  }

  /** Gives seats back to the event (a cancelled booking's) and offers them down the waiting line. */
  async returnSeats(seats: number): Promise<void> {
    const event = await this.lockEvent();
    await this.stores.events.changeAvailable(event.id, seats, this.manager);
    this.seats += seats;
    this.seatsReturned = true;
    await this.offerFreedSeats();
  }

  /** Ends active holds without a booking (their seats come back once), then offers the seats down the line. */
  async endHolds(which: HoldSelection, ending: HoldEnding, by: EndedBy): Promise<EndedHold[]> {
    const event = await this.lockEvent();
    const ended = await this.stores.holds.endTakingBackSeats(event.id, which, ending, by, this.manager);
    if (!ended.length) return ended;
    this.seats += sum(ended.map((hold) => hold.numberOfTickets));
    this.seatsReturned = true;
    this.log.holdsEnded(ending, ended);
    await this.offerFreedSeats();
    return ended;
  }

  /** Gives back the seats of the event's holds whose time is up (up to `limit` of them), oldest first. */
  reclaimOverdue(limit?: number): Promise<EndedHold[]> {
    return this.endHolds({ overdue: true, limit }, 'expired', BY_THE_CLOCK);
  }

  /** A new capacity moves the free seats by as much; seats that appear go down the waiting line first. */
  async resize(capacity: number): Promise<void> {
    const event = await this.lockEvent();
    await this.stores.events.resize(event.id, capacity, this.manager);
    this.seats += capacity - event.capacity;
    this.seatsReturned = true;
    await this.offerFreedSeats();
  }

  /** Cancels the event's waiting entries (offered ones end with their holds), so freed seats are offered to no one. */
  async cancelWaitingLine(): Promise<void> {
    await this.lockEvent();
    this.log.entriesCancelled += await this.stores.waitlist.cancelWaitingOfEvent(this.eventId, this.manager);
  }

  /** The event is cancelled with every seat back (its bookings and holds are cancelled in the same turn). */
  async markCancelled(): Promise<EventEntity> {
    const event = await this.lockEvent();
    this.event = await this.stores.events.markCancelled(event.id, this.manager);
    this.seats = this.event.availableTickets;
    this.seatsReturned = true;
    return this.event;
  }

  /**
   * Contract 6: free seats go to the waiting entries in join order, each that fits getting a hold
   * (`source: "waitlist"`); one that does not fit keeps its place and a smaller one behind it is
   * served. What is left reaches the public only when no waiting entry fits it.
   */
  private async offerFreedSeats(): Promise<void> {
    const event = await this.lockEvent();
    if (this.seats <= 0 || refusalOf(event, this.seats, 1, new Date())) return;
    const offers = await this.offersDownTheLine(event);
    if (!offers.length) return;
    const held = await this.stores.holds.insertActiveTakingSeats(event, offers, this.manager);
    this.seats -= sum(held.map((hold) => hold.numberOfTickets));
    this.log.offersMade += held.length;
  }

  /**
   * Walks the waiting line in join order, a page at a time, and offers each entry that fits what
   * the entries before it left. The first entry of a page always fits, so a full page is followed
   * by another only while seats remain.
   */
  private async offersDownTheLine(event: EventEntity): Promise<NewHold[]> {
    const offers: NewHold[] = [];
    let page: CandidatePage = { seats: this.seats, maxTickets: event.maxTicketsPerBooking ?? this.seats, after: null };
    for (;;) {
      const entries = await this.stores.waitlist.candidates(event.id, page, this.manager);
      const allocation = allocateSeats(event, page.seats, entries.map(askOf), new Set(), new Date());
      offers.push(...entries.filter((_, index) => allocation.decisions[index].kind === 'fits').map(offerTo));
      if (entries.length < page.seats || allocation.seatsLeft === 0) return offers;
      page = { ...page, seats: allocation.seatsLeft, after: entries.at(-1)!.id };
    }
  }

  /** Whether the cached availability must be dropped once the turn commits. */
  get returnedSeats(): boolean {
    return this.seatsReturned;
  }
}

function askOf(want: { userId: string; tickets: number }): SeatAsk {
  return { tickets: want.tickets, holder: want.userId };
}

function offerTo(entry: LineCandidate): NewHold {
  return { userId: entry.userId, tickets: entry.tickets, actorId: null, requestId: null, source: 'waitlist', waitlistEntryId: entry.id };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
