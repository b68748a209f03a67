import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import {
  BookingAlreadyCancelledError,
  BookingNotFoundError,
  EventNotFoundError,
  EventNotOpenError,
  InsufficientTicketsError,
  PermissionDeniedError,
  TooManyTicketsPerBookingError,
  UserNotFoundError,
} from '../common/errors/domain-errors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { Transactions } from '../database/transactions';
import { AvailabilityCache } from '../events/availability-cache';
import { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { BookingEntity } from './booking.entity';
import { BookingsRepository, NewBooking } from './bookings.repository';
import { BookingHistoryItem, BookingResponse, toBookingHistoryItem, toBookingResponse } from './dto/booking.response';
import { ListBookingsQuery } from './dto/list-bookings.query';
import { BatchWork, EventGate } from './event-gate';
import { IdempotencyService, KeyedRequest } from './idempotency/idempotency.service';

export interface BookTickets {
  userId?: string;
  eventId: string;
  tickets: number;
  /** `Idempotency-Key` header: a retry under the same key gets the first answer again. */
  idempotencyKey?: string;
}

/** The answer to a booking request: new, or replayed from an earlier request with the same key. */
export interface BookingOutcome {
  status: number;
  body: BookingResponse;
  replayed: boolean;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly events: EventsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
    private readonly idempotency: IdempotencyService,
    private readonly gate: EventGate,
    private readonly availability: AvailabilityCache,
  ) {}

  /**
   * Contract 1. The capacity check, seat decrement, booking and audit row commit together under
   * the event's row lock, so no interleaving of requests can sell a seat twice. Bookings that wait
   * for the same turn at the gate share one transaction (see EventGate).
   */
  async bookTickets(command: BookTickets, actor: Actor): Promise<BookingOutcome> {
    const userId = await this.bookingOwner(command.userId, actor.user);
    const wanted: NewBooking = { userId, tickets: command.tickets, actorId: actor.user.id, requestId: actor.requestId };
    if (command.idempotencyKey) {
      const keyed = { userId: actor.user.id, key: command.idempotencyKey, request: [userId, command.eventId, command.tickets] };
      return this.gate.run(command.eventId, () => this.bookKeyed(command.eventId, wanted, keyed));
    }
    await this.rejectEarly(command);
    return this.gate.runTogether(command.eventId, wanted, this.bookTogether);
  }

  private readonly bookTogether: BatchWork<NewBooking, BookingOutcome> = (eventId, wanted) =>
    this.transactions.run(async (manager) => {
      const taken = await this.takeSeats(eventId, wanted, manager);
      return taken.map((result) => (result.status === 'fulfilled' ? { status: 'fulfilled', value: created(result.value) } : result));
    });

  private bookKeyed(eventId: string, wanted: NewBooking, keyed: KeyedRequest): Promise<BookingOutcome> {
    return this.transactions.run(async (manager) => {
      // The key is claimed before the event lock: a retry waiting on its first attempt holds no seat lock.
      const replay = await this.idempotency.claim(keyed, manager);
      if (replay) return { status: replay.status, body: replay.body as BookingResponse, replayed: true };
      const [taken] = await this.takeSeats(eventId, [wanted], manager);
      if (taken.status === 'rejected') throw taken.reason;
      const outcome = created(taken.value);
      await this.idempotency.remember(keyed, outcome, manager);
      return outcome;
    });
  }

  /**
   * Decides each booking in turn against the seats the locked row shows, then makes the accepted
   * ones in one statement: the lock is held for the check and that statement, and every other
   * booking of the event waits that long.
   */
  private async takeSeats(eventId: string, wanted: NewBooking[], manager: EntityManager): Promise<PromiseSettledResult<BookingEntity>[]> {
    const event = await this.events.findForUpdate(eventId, manager);
    if (!event) throw new EventNotFoundError();
    const now = new Date();
    let available = event.availableTickets;
    const refusals = wanted.map(({ tickets }) => {
      const refusal = refusalOf(event, available, tickets, now);
      if (!refusal) available -= tickets;
      return refusal;
    });
    const accepted = wanted.filter((_, index) => !refusals[index]);
    const booked = accepted.length ? await this.bookings.insertConfirmedTakingSeats(event.id, accepted, manager) : [];
    this.availability.lower(event.id, available);
    let next = 0;
    return refusals.map((refusal) => (refusal ? { status: 'rejected', reason: refusal } : { status: 'fulfilled', value: booked[next++] }));
  }

  /**
   * Answers a booking that cannot succeed from an unlocked read, without queueing for the event's
   * lock: an event already short, closed or unknown is a true answer at this moment. The read is
   * shared with the other requests of this pass of the event loop. A retry under an idempotency
   * key skips this, since it may be owed the answer of a booking it made.
   */
  private async rejectEarly(command: BookTickets): Promise<void> {
    const event = await this.events.findById(command.eventId);
    if (!event) throw new EventNotFoundError();
    const refusal = refusalOf(event, event.availableTickets, command.tickets, new Date());
    if (refusal) throw refusal;
  }

  /** Contract 2. Racing cancellations queue on the event lock; the first wins, the rest see it cancelled. */
  async cancelBooking(bookingId: string, actor: Actor): Promise<BookingEntity> {
    const { eventId } = await this.findVisible(bookingId, actor.user);
    const cancelled = await this.gate.run(eventId, () => this.cancelTransaction(bookingId, eventId, actor));
    this.availability.forget(eventId);
    return cancelled;
  }

  private cancelTransaction(bookingId: string, eventId: string, actor: Actor): Promise<BookingEntity> {
    return this.transactions.run(async (manager) => {
      // Lock order event -> booking, the same as every other path that touches both.
      await this.events.findForUpdate(eventId, manager);
      const booking = await this.bookings.findForUpdate(bookingId, manager);
      if (!booking) throw new BookingNotFoundError();
      if (booking.status === 'cancelled') throw new BookingAlreadyCancelledError();
      await this.bookings.markCancelled(booking.id, manager);
      await this.events.changeAvailable(eventId, booking.numberOfTickets, manager);
      await this.audit.record(
        { action: 'booking.cancelled', actorId: actor.user.id, bookingId: booking.id, eventId, requestId: actor.requestId },
        manager,
      );
      return { ...booking, status: 'cancelled' };
    });
  }

  /** The caller's booking, or anyone's for staff; another user's booking does not exist for the caller. */
  async findVisible(bookingId: string, caller: UserEntity): Promise<BookingEntity> {
    const booking = await this.bookings.findById(bookingId);
    if (!booking || (booking.userId !== caller.id && !caller.isStaff)) throw new BookingNotFoundError();
    return booking;
  }

  /** `GET /api/bookings/`: the caller's bookings; staff see all and may filter by user. */
  async list(query: ListBookingsQuery, caller: UserEntity, requestUrl: URL): Promise<Page<BookingResponse>> {
    const request = pageRequest(query);
    const userId = caller.isStaff ? query.user_id : caller.id;
    const [bookings, count] = await this.bookings.page({ userId, eventId: query.event_id, status: query.status }, request);
    return toPage(request, count, bookings.map(toBookingResponse), requestUrl);
  }

  /** Contract 3: a user's history, newest first. */
  async history(userId: string, query: PageQueryDto, caller: UserEntity, requestUrl: URL): Promise<Page<BookingHistoryItem>> {
    if (userId !== caller.id && !caller.isStaff) throw new PermissionDeniedError();
    // The caller's own account exists (it just authenticated); only staff can name another.
    if (userId !== caller.id && !(await this.users.existsById(userId))) throw new UserNotFoundError();
    const request = pageRequest(query);
    const [bookings, count] = await this.bookings.pageByUser(userId, request);
    return toPage(request, count, bookings.map(toBookingHistoryItem), requestUrl);
  }

  private async bookingOwner(requestedUserId: string | undefined, caller: UserEntity): Promise<string> {
    if (!requestedUserId || requestedUserId === caller.id) return caller.id;
    if (!caller.isStaff) throw new PermissionDeniedError();
    if (!(await this.users.existsById(requestedUserId))) throw new UserNotFoundError();
    return requestedUserId;
  }
}

function created(booking: BookingEntity): BookingOutcome {
  return { status: HttpStatus.CREATED, body: toBookingResponse(booking), replayed: false };
}

/** Why the event cannot sell `tickets` more while `available` are left, if it cannot. */
function refusalOf(event: EventEntity, available: number, tickets: number, now: Date): Error | undefined {
  if (event.status !== 'scheduled' || event.startsAt <= now) return new EventNotOpenError();
  if (event.maxTicketsPerBooking !== null && tickets > event.maxTicketsPerBooking) {
    return new TooManyTicketsPerBookingError(event.maxTicketsPerBooking);
  }
  if (available < tickets) return new InsufficientTicketsError(available, tickets);
  return undefined;
}
