import { HttpStatus, Injectable } from '@nestjs/common';

import { Actor } from '../common/auth/actor';
import { visibleTo } from '../common/auth/visible-to';
import { BookingNotFoundError, PermissionDeniedError, UserNotFoundError } from '../common/errors/domain-errors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { EarlyRefusal, NewBooking, SeatInventory } from '../inventory';
import { BookingEntity } from '../schema/booking.entity';
import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from '../users/on-behalf-of';
import { UsersRepository } from '../users/users.repository';
import { BookingsRepository } from './bookings.repository';
import { BookingHistoryItem, BookingResponse, toBookingHistoryItem, toBookingResponse } from './dto/booking.response';
import { ListBookingsQuery } from './dto/list-bookings.query';
import { IdempotencyService, KeyedRequest } from './idempotency/idempotency.service';

export interface BookTickets {
  userId?: string;
  eventId: string;
  tickets: number;
  /** `Idempotency-Key` header: a retry under the same key gets the first answer again. */
  idempotencyKey?: string;
}

/** The answer to a booking request: new, or replayed from an earlier request with the same key. */
export interface BookingResult {
  status: number;
  body: BookingResponse;
  replayed: boolean;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly users: UsersRepository,
    private readonly idempotency: IdempotencyService,
    private readonly inventory: SeatInventory,
    private readonly earlyRefusal: EarlyRefusal,
    private readonly onBehalfOf: OnBehalfOf,
  ) {}

  /**
   * Contract 1. The capacity check, seat change, booking and audit entry commit together in one
   * seat transaction, under the event's row lock, so no interleaving of requests can sell a seat twice.
   */
  async bookTickets(command: BookTickets, actor: Actor): Promise<BookingResult> {
    const userId = await this.onBehalfOf.userFor(command.userId, actor.user);
    const wanted: NewBooking = { userId, tickets: command.tickets, actorId: actor.user.id, requestId: actor.requestId };
    if (command.idempotencyKey) {
      const keyed = { userId: actor.user.id, key: command.idempotencyKey, request: [userId, command.eventId, command.tickets] };
      return this.bookOnce(command.eventId, wanted, keyed);
    }
    // A retry under an idempotency key skips the early answer: it may be owed the answer of a booking it made.
    await this.earlyRefusal.check(command.eventId, command.tickets);
    return { ...created(await this.inventory.book(command.eventId, wanted)), replayed: false };
  }

  /** A booking under an `Idempotency-Key`: a retry gets the stored answer and books nothing. */
  private async bookOnce(eventId: string, wanted: NewBooking, keyed: KeyedRequest): Promise<BookingResult> {
    return this.idempotency.inSeatTransaction(eventId, keyed, async (seats) => created(await seats.book(wanted)));
  }

  /** Contract 2. Racing cancellations queue for the event's lock; the first wins, the rest see it cancelled. */
  async cancelBooking(bookingId: string, actor: Actor): Promise<BookingEntity> {
    const { eventId } = await this.findVisible(bookingId, actor.user);
    const by = { actorId: actor.user.id, requestId: actor.requestId };
    return this.inventory.transaction(eventId, (seats) => seats.cancelBooking(bookingId, by));
  }

  /** The caller's booking, or anyone's for staff; another user's booking does not exist for the caller. */
  async findVisible(bookingId: string, caller: UserEntity): Promise<BookingEntity> {
    const booking = await this.bookings.findById(bookingId);
    if (!visibleTo(booking, caller)) throw new BookingNotFoundError();
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
}

function created(booking: BookingEntity): Omit<BookingResult, 'replayed'> {
  return { status: HttpStatus.CREATED, body: toBookingResponse(booking) };
}
