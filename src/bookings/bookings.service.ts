import { HttpStatus, Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import {
  BookingAlreadyCancelledError,
  BookingNotFoundError,
  EventNotFoundError,
  PermissionDeniedError,
  UserNotFoundError,
} from '../common/errors/domain-errors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { EventsRepository } from '../events/events.repository';
import { EventTurns } from '../inventory/event-turns';
import { refusalOf } from '../inventory/seat-allocation';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { BookingEntity } from './booking.entity';
import { BookingsRepository, NewBooking } from './bookings.repository';
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
    private readonly events: EventsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly idempotency: IdempotencyService,
    private readonly turns: EventTurns,
  ) {}

  /**
   * Contract 1. The capacity check, seat change, booking and audit entry commit together in one of
   * the event's turns, under its row lock, so no interleaving of requests can sell a seat twice.
   */
  async bookTickets(command: BookTickets, actor: Actor): Promise<BookingResult> {
    const userId = await this.bookingOwner(command.userId, actor.user);
    const wanted: NewBooking = { userId, tickets: command.tickets, actorId: actor.user.id, requestId: actor.requestId };
    if (command.idempotencyKey) {
      const keyed = { userId: actor.user.id, key: command.idempotencyKey, request: [userId, command.eventId, command.tickets] };
      return this.bookOnce(command.eventId, wanted, keyed);
    }
    await this.refuseEarly(command);
    return created(await this.turns.book(command.eventId, wanted));
  }

  /**
   * A booking under an `Idempotency-Key` takes a turn of its own, so its key, booking and stored
   * answer commit together; a retry gets the stored answer and books nothing.
   */
  private bookOnce(eventId: string, wanted: NewBooking, keyed: KeyedRequest): Promise<BookingResult> {
    return this.turns.alone(eventId, async (turn) => {
      // Claimed before the event lock: a retry waiting on its first attempt holds no seat lock.
      const replay = await this.idempotency.claim(keyed, turn.manager);
      if (replay) return { status: replay.status, body: replay.body as BookingResponse, replayed: true };
      const [booked] = await turn.book([wanted]);
      if (booked.status === 'rejected') throw booked.reason;
      const result = created(booked.value);
      await this.idempotency.remember(keyed, result, turn.manager);
      return result;
    });
  }

  /**
   * Answers a booking that cannot succeed from an unlocked read, without queueing for the event's
   * turn: an event already short, closed or unknown is a true answer at this moment. The read is
   * shared with the other requests of this pass of the event loop. A retry under an idempotency
   * key skips this, since it may be owed the answer of a booking it made.
   */
  private async refuseEarly(command: BookTickets): Promise<void> {
    const event = await this.events.findById(command.eventId);
    if (!event) throw new EventNotFoundError();
    const refusal = refusalOf(event, event.availableTickets, command.tickets, new Date());
    if (refusal) throw refusal;
  }

  /** Contract 2. Racing cancellations queue for the event's turns; the first wins, the rest see it cancelled. */
  async cancelBooking(bookingId: string, actor: Actor): Promise<BookingEntity> {
    const { eventId } = await this.findVisible(bookingId, actor.user);
    return this.turns.alone(eventId, async (turn) => {
      // Lock order event -> booking, the same as every other path that touches both.
      await turn.lockEvent();
      const booking = await this.bookings.findForUpdate(bookingId, turn.manager);
      if (!booking) throw new BookingNotFoundError();
      if (booking.status === 'cancelled') throw new BookingAlreadyCancelledError();
      await this.bookings.markCancelled(booking.id, turn.manager);
      await turn.returnSeats(booking.numberOfTickets);
      await this.audit.record(
        { action: 'booking.cancelled', actorId: actor.user.id, bookingId: booking.id, eventId, requestId: actor.requestId },
        turn.manager,
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

function created(booking: BookingEntity): BookingResult {
  return { status: HttpStatus.CREATED, body: toBookingResponse(booking), replayed: false };
}
