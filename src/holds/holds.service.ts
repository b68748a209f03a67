import { HttpStatus, Injectable, Logger } from '@nestjs/common';

import { BookingResponse, toBookingResponse } from '../bookings/dto/booking.response';
import { IdempotencyService } from '../bookings/idempotency/idempotency.service';
import { Actor } from '../common/auth/actor';
import { visibleTo } from '../common/auth/visible-to';
import { HoldExpiredError, HoldNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { EarlyRefusal, EndedHold, HoldConfirmation, NewHold, SeatInventory } from '../inventory';
import { Metrics } from '../metrics/metrics';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from '../users/on-behalf-of';
import { HoldResponse, toHoldResponse } from './dto/hold.response';
import { ListHoldsQuery } from './dto/list-holds.query';
import { HoldsRepository } from './holds.repository';

export interface HoldTickets {
  userId?: string;
  eventId: string;
  tickets: number;
  idempotencyKey?: string;
}

/** An answer that a retry under the same `Idempotency-Key` gets again. */
export interface Answer<Body> {
  status: number;
  body: Body;
  replayed: boolean;
}

/** A keyed confirmation's stored answer: the booking, or that the hold had run out (a retry is told the same). */
type ConfirmAnswer = { status: HttpStatus.CREATED; body: BookingResponse } | { status: HttpStatus.GONE; body: { error: string } };

const EXPIRED: ConfirmAnswer = { status: HttpStatus.GONE, body: { error: new HoldExpiredError().message } };

/** Contract 5. Holds are clients of the event's seats: every change runs in one of the event's seat transactions. */
@Injectable()
export class HoldsService {
  private readonly logger = new Logger('Holds');

  constructor(
    private readonly holds: HoldsRepository,
    private readonly inventory: SeatInventory,
    private readonly earlyRefusal: EarlyRefusal,
    private readonly idempotency: IdempotencyService,
    private readonly onBehalfOf: OnBehalfOf,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Takes seats for the event's hold length, under the same lock and rules as a booking. Without
   * an `Idempotency-Key` the hold is decided in a batch with the requests that wait beside it.
   */
  async hold(command: HoldTickets, actor: Actor): Promise<Answer<HoldResponse>> {
    const userId = await this.onBehalfOf.userFor(command.userId, actor.user);
    const wanted: NewHold = { userId, tickets: command.tickets, actorId: actor.user.id, requestId: actor.requestId, source: 'direct' };
    if (!command.idempotencyKey) {
      await this.earlyRefusal.check(command.eventId, command.tickets);
      return this.held({ ...created(await this.inventory.hold(command.eventId, wanted)), replayed: false });
    }
    const keyed = { userId: actor.user.id, key: command.idempotencyKey, request: ['hold', userId, command.eventId, command.tickets] };
    return this.held(await this.idempotency.inSeatTransaction(command.eventId, keyed, async (seats) => created(await seats.hold(wanted))));
  }

  private held(answer: Answer<HoldResponse>): Answer<HoldResponse> {
    if (!answer.replayed) this.logger.log({ msg: 'hold created', outcome: 'hold.created', ...answer.body });
    return answer;
  }

  /**
   * Turns an active hold into a booking at its quoted total. A hold whose `expires_at` has come
   * (by the database's clock) answers 410 whether or not it was swept; if it was not, this
   * confirmation gives its seats back and passes them down the waiting line. Without an
   * `Idempotency-Key` the confirmation is decided in a batch with the requests that wait beside it.
   */
  async confirm(holdId: string, actor: Actor, idempotencyKey?: string): Promise<Answer<BookingResponse>> {
    const { eventId } = await this.findVisible(holdId, actor.user);
    const confirmation: HoldConfirmation = { holdId, caller: actor.user, requestId: actor.requestId };
    if (!idempotencyKey) {
      const { booking, source } = await this.inventory.confirm(eventId, confirmation);
      return this.confirmed(holdId, source, { status: HttpStatus.CREATED, body: toBookingResponse(booking), replayed: false });
    }
    const keyed = { userId: actor.user.id, key: idempotencyKey, request: ['confirm', holdId] };
    let source: HoldSource = 'direct';
    const answer = await this.idempotency.inSeatTransaction(eventId, keyed, async (seats): Promise<ConfirmAnswer> => {
      try {
        const confirmed = await seats.confirm(confirmation);
        source = confirmed.source;
        return { status: HttpStatus.CREATED, body: toBookingResponse(confirmed.booking) };
      } catch (refusal) {
        // Stored, not thrown: the expiry this confirmation made commits, and a retry is told the same.
        if (refusal instanceof HoldExpiredError) return EXPIRED;
        throw refusal;
      }
    });
    if (answer.status === HttpStatus.GONE) throw new HoldExpiredError();
    return this.confirmed(holdId, source, answer);
  }

  /** Gives an active hold's seats back at once; they go down the waiting line first. */
  async release(holdId: string, actor: Actor): Promise<EndedHold> {
    const { eventId } = await this.findVisible(holdId, actor.user);
    const by = { actorId: actor.user.id, requestId: actor.requestId };
    const release = await this.inventory.transaction(eventId, (seats) => seats.releaseHold(holdId, actor.user, by));
    // Thrown after the commit: the expiry the release found is kept.
    if (release.kind === 'expired') throw new HoldExpiredError();
    this.logger.log({ msg: 'hold released', outcome: 'hold.released', hold_id: holdId, event_id: eventId, user_id: actor.user.id });
    return release.hold;
  }

  /** The caller's hold, or anyone's for staff; another user's hold does not exist for the caller. */
  async findVisible(holdId: string, caller: UserEntity): Promise<Readonly<HoldEntity>> {
    const hold = await this.holds.findById(holdId);
    if (!visibleTo(hold, caller)) throw new HoldNotFoundError();
    return hold;
  }

  /** `GET /api/holds/`: the caller's holds, newest first; staff see all and may filter by user. */
  async list(query: ListHoldsQuery, caller: UserEntity, requestUrl: URL): Promise<Page<HoldResponse>> {
    const request = pageRequest(query);
    const userId = caller.isStaff ? query.user_id : caller.id;
    const [holds, count] = await this.holds.page({ userId, eventId: query.event_id, status: query.status }, request);
    return toPage(request, count, holds.map(toHoldResponse), requestUrl);
  }

  private confirmed(holdId: string, source: HoldSource, answer: Answer<BookingResponse>): Answer<BookingResponse> {
    if (answer.replayed) return answer;
    const booking = answer.body;
    this.metrics.holds.inc({ outcome: 'confirmed' });
    if (source === 'waitlist') this.metrics.waitlist.inc({ outcome: 'converted' });
    this.logger.log({ msg: 'hold confirmed', outcome: 'hold.confirmed', hold_id: holdId, source, ...booking });
    this.metrics.bookingConfirmed(booking.number_of_tickets);
    return answer;
  }
}

function created(hold: HoldEntity): { status: number; body: HoldResponse } {
  return { status: HttpStatus.CREATED, body: toHoldResponse(hold) };
}
