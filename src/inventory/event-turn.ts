import { EntityManager } from 'typeorm';

import { BookingEntity } from '../bookings/booking.entity';
import { BookingsRepository, NewBooking } from '../bookings/bookings.repository';
import { ActiveHoldExistsError, EventNotFoundError, InsufficientTicketsError } from '../common/errors/domain-errors';
import { AvailabilityCache } from '../events/availability-cache';
import { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { HoldEnding, HoldEntity } from '../holds/hold.entity';
import { EndedBy, EndedHold, HoldSelection, HoldsRepository, NewHold } from '../holds/holds.repository';
import { WaitlistRepository } from '../waitlist/waitlist.repository';
import { answerConfirmations, decideConfirmations, HoldConfirmation } from './hold-confirmation';
import { allocateSeats, refusalOf } from './seat-allocation';
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
   * Only when a request is short are the event's overdue holds reclaimed, so no request is refused
   * for seats whose hold has run out, and a turn with seats to spare pays nothing for them.
   */
  private async takeSeats(requests: SeatWant[]): Promise<Answer[]> {
    if (!requests.length) return [];
    const event = await this.lockEvent();
    const wanted = requests.map((request) => (request.kind === 'booking' ? request.booking.tickets : request.hold.tickets));
    let allocation = allocateSeats(event, this.seats, wanted, new Date());
    const short = allocation.decisions.some((decision) => !decision.fits && decision.refusal instanceof InsufficientTicketsError);
    if (short && (await this.reclaimOverdue()).length) allocation = allocateSeats(event, this.seats, wanted, new Date());
    const fits = (kind: SeatWant['kind']) => requests.filter((request, index) => request.kind === kind && allocation.decisions[index].fits);
    const bookings = fits('booking').map((request) => (request as { booking: NewBooking }).booking);
    const holds = fits('hold').map((request) => (request as { hold: NewHold }).hold);
    const booked = bookings.length ? await this.stores.bookings.insertConfirmedTakingSeats(event.id, bookings, this.manager) : [];
    const held = holds.length ? await this.stores.holds.insertActiveTakingSeats(event, holds, this.manager) : [];
    this.seats -= sum(booked.map((booking) => booking.numberOfTickets)) + sum(held.map((hold) => hold?.numberOfTickets ?? 0));
    this.log.holdsCreated += held.filter(Boolean).length;
    // Lowered inside the transaction: were it to roll back, the cache would only show fewer seats.
    this.stores.availability.lower(event.id, this.seats);
    return this.answer(requests, allocation.decisions, booked, held);
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

  private async answer(
    requests: SeatWant[],
    decisions: ReturnType<typeof allocateSeats>['decisions'],
    booked: BookingEntity[],
    held: (HoldEntity | null)[],
  ): Promise<Answer[]> {
    const nextBooked = booked[Symbol.iterator]();
    const nextHeld = held[Symbol.iterator]();
    const answers: Answer[] = [];
    for (const [index, request] of requests.entries()) {
      const decision = decisions[index];
      if (!decision.fits) answers.push({ status: 'rejected', reason: decision.refusal });
      else if (request.kind === 'booking')
        answers.push({ status: 'fulfilled', value: { kind: 'booking', booking: nextBooked.next().value! } });
      else {
        const hold = nextHeld.next().value;
        if (hold) answers.push({ status: 'fulfilled', value: { kind: 'hold', hold } });
        else answers.push({ status: 'rejected', reason: await this.activeHoldExists(request.hold.userId) });
      }
    }
    return answers;
  }

  private async activeHoldExists(userId: string): Promise<ActiveHoldExistsError> {
    return new ActiveHoldExistsError((await this.stores.holds.activeHoldOf(this.eventId, userId, this.manager)) ?? '');
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
    const candidates = await this.stores.waitlist.candidates(event.id, this.seats, this.manager);
    const { decisions } = allocateSeats(
      event,
      this.seats,
      candidates.map((entry) => entry.tickets),
      new Date(),
    );
    const offers: NewHold[] = candidates
      .filter((_, index) => decisions[index].fits)
      .map((entry) => ({
        userId: entry.userId,
        tickets: entry.tickets,
        actorId: null,
        requestId: null,
        source: 'waitlist',
        waitlistEntryId: entry.id,
      }));
    if (!offers.length) return;
    const held = await this.stores.holds.insertActiveTakingSeats(event, offers, this.manager);
    this.seats -= sum(held.map((hold) => hold?.numberOfTickets ?? 0));
    this.log.offersMade += held.filter(Boolean).length;
  }

  /** Whether the cached availability must be dropped once the turn commits. */
  get returnedSeats(): boolean {
    return this.seatsReturned;
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
