import { EntityManager } from 'typeorm';

import { BookingEntity } from '../bookings/booking.entity';
import { BookingsRepository, NewBooking } from '../bookings/bookings.repository';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { AvailabilityCache } from '../events/availability-cache';
import { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { allocateSeats } from './seat-allocation';

/** What a turn writes through: the repositories of the tables that hold seats, and this instance's availability cache. */
export interface TurnStores {
  events: EventsRepository;
  bookings: BookingsRepository;
  availability: AvailabilityCache;
}

/**
 * One turn of an event, inside its transaction: what may be done with the event's seats while the
 * event row is locked. The lock is taken on first use and held until the turn commits, so nothing
 * slow belongs in a turn.
 */
export class EventTurn {
  private event?: EventEntity;
  private seatsReturned = false;

  constructor(
    readonly eventId: string,
    readonly manager: EntityManager,
    private readonly stores: TurnStores,
  ) {}

  /** The event row, locked FOR UPDATE as the turn found it: every seat change of the event queues here. */
  async lockEvent(): Promise<EventEntity> {
    this.event ??= (await this.stores.events.findForUpdate(this.eventId, this.manager)) ?? undefined;
    if (!this.event) throw new EventNotFoundError();
    return this.event;
  }

  /**
   * Decides each booking in arrival order against the seats the locked row shows, makes the ones
   * that fit in one statement, and answers each: its booking, or why it was refused.
   */
  async book(wanted: NewBooking[]): Promise<PromiseSettledResult<BookingEntity>[]> {
    const event = await this.lockEvent();
    const { decisions, seatsLeft } = allocateSeats(
      event,
      event.availableTickets,
      wanted.map((booking) => booking.tickets),
      new Date(),
    );
    const fitting = wanted.filter((_, index) => decisions[index].fits);
    const booked = fitting.length ? await this.stores.bookings.insertConfirmedTakingSeats(event.id, fitting, this.manager) : [];
    // Lowered inside the transaction: were it to roll back, the cache would only show fewer seats.
    this.stores.availability.lower(event.id, seatsLeft);
    const nextBooked = booked[Symbol.iterator]();
    return decisions.map((decision) =>
      decision.fits ? { status: 'fulfilled', value: nextBooked.next().value! } : { status: 'rejected', reason: decision.refusal },
    );
  }

  /** Gives seats back to the event (a cancelled booking's). */
  async returnSeats(seats: number): Promise<void> {
    const event = await this.lockEvent();
    await this.stores.events.changeAvailable(event.id, seats, this.manager);
    this.seatsReturned = true;
  }

  /** Whether the cached availability must be dropped once the turn commits. */
  get returnedSeats(): boolean {
    return this.seatsReturned;
  }
}
