import { HttpStatus, Injectable, Logger } from '@nestjs/common';

import { BookingResponse, toBookingResponse } from '../bookings/dto/booking.response';
import { IdempotencyService } from '../bookings/idempotency/idempotency.service';
import { Actor } from '../common/auth/actor';
import { HoldExpiredError, HoldNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { EarlyRefusal } from '../inventory/early-refusal';
import { EventTurn } from '../inventory/event-turn';
import { EventTurns } from '../inventory/event-turns';
import { HoldConfirmation, standingOf } from '../inventory/hold-confirmation';
import { Metrics } from '../metrics/metrics';
import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from '../users/on-behalf-of';
import { HoldResponse, toHoldResponse } from './dto/hold.response';
import { ListHoldsQuery } from './dto/list-holds.query';
import { HoldsRepository, LockedHold, NewHold } from './holds.repository';

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

/** A confirmation's stored answer when the hold had run out: a retry is told the same. */
const EXPIRED = { status: HttpStatus.GONE, body: { error: new HoldExpiredError().message } };

/** Contract 5. Holds are clients of the event's seats: every change runs in the event's turn. */
@Injectable()
export class HoldsService {
  private readonly logger = new Logger('Holds');

  constructor(
    private readonly holds: HoldsRepository,
    private readonly turns: EventTurns,
    private readonly earlyRefusal: EarlyRefusal,
    private readonly idempotency: IdempotencyService,
    private readonly onBehalfOf: OnBehalfOf,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Takes seats for the event's hold length, under the same lock and rules as a booking. Without
   * an `Idempotency-Key` the hold shares a turn with the bookings and holds that wait beside it.
   */
  async hold(command: HoldTickets, actor: Actor): Promise<Answer<HoldResponse>> {
    const userId = await this.onBehalfOf.userFor(command.userId, actor.user);
    const wanted: NewHold = { userId, tickets: command.tickets, actorId: actor.user.id, requestId: actor.requestId, source: 'direct' };
    if (!command.idempotencyKey) {
      await this.earlyRefusal.check(command.eventId, command.tickets);
      return this.held({ ...created(await this.turns.hold(command.eventId, wanted)), replayed: false });
    }
    const keyed = { userId: actor.user.id, key: command.idempotencyKey, request: ['hold', userId, command.eventId, command.tickets] };
    const answer = await this.turns.alone(command.eventId, (turn) =>
      this.idempotency.once(keyed, turn.manager, async () => {
        const [held] = await turn.take([{ kind: 'hold', hold: wanted }]);
        if (held.status === 'rejected') throw held.reason;
        return created((held.value as { hold: HoldEntity }).hold);
      }),
    );
    return this.held(answer);
  }

  private held(answer: Answer<HoldResponse>): Answer<HoldResponse> {
    if (!answer.replayed) this.logger.log({ msg: 'hold created', outcome: 'hold.created', ...answer.body });
    return answer;
  }

  /**
   * Turns an active hold into a booking at its quoted total. A hold whose `expires_at` has come
   * (by the database's clock) answers 410 whether or not it was swept; if it was not, this
   * confirmation gives its seats back and passes them down the waiting line. Without an
   * `Idempotency-Key` the confirmation shares a turn with the requests that wait beside it.
   */
  async confirm(holdId: string, actor: Actor, idempotencyKey?: string): Promise<Answer<BookingResponse>> {
    const { eventId } = await this.findVisible(holdId, actor.user);
    const confirmation: HoldConfirmation = { holdId, caller: actor.user, requestId: actor.requestId };
    if (!idempotencyKey) {
      const { booking, source } = await this.turns.confirm(eventId, confirmation);
      return this.confirmed(holdId, source, { status: HttpStatus.CREATED, body: toBookingResponse(booking), replayed: false });
    }
    const keyed = { userId: actor.user.id, key: idempotencyKey, request: ['confirm', holdId] };
    let source: HoldSource = 'direct';
    const answer = await this.turns.alone(eventId, (turn) =>
      this.idempotency.once(keyed, turn.manager, async (): Promise<{ status: number; body: BookingResponse | typeof EXPIRED.body }> => {
        const [confirmed] = await turn.take([{ kind: 'confirm', confirmation }]);
        // Stored, not thrown: the expiry this confirmation made commits, and a retry is told the same.
        if (confirmed.status === 'rejected' && confirmed.reason instanceof HoldExpiredError) return EXPIRED;
        if (confirmed.status === 'rejected') throw confirmed.reason;
        const { booking, source: holdSource } = confirmed.value as { booking: BookingEntity; source: HoldSource };
        source = holdSource;
        return { status: HttpStatus.CREATED, body: toBookingResponse(booking) };
      }),
    );
    if (answer.status === HttpStatus.GONE) throw new HoldExpiredError();
    return this.confirmed(holdId, source, answer as Answer<BookingResponse>);
  }

  /** Gives an active hold's seats back at once; they go down the waiting line first. */
  async release(holdId: string, actor: Actor): Promise<HoldEntity> {
    const { eventId } = await this.findVisible(holdId, actor.user);
    const released = await this.turns.alone(eventId, async (turn) => {
      const hold = await this.lockActive(turn, holdId, actor);
      if (hold.overdue) {
        await turn.endHolds({ ids: [hold.id] }, 'expired', { actorId: null, requestId: null });
        return null;
      }
      const [ended] = await turn.endHolds({ ids: [hold.id] }, 'released', { actorId: actor.user.id, requestId: actor.requestId });
      return ended;
    });
    if (!released) throw new HoldExpiredError();
    this.logger.log({ msg: 'hold released', outcome: 'hold.released', hold_id: holdId, event_id: eventId, user_id: actor.user.id });
    return released;
  }

  /** The caller's hold, or anyone's for staff; another user's hold does not exist for the caller. */
  async findVisible(holdId: string, caller: UserEntity): Promise<Readonly<HoldEntity>> {
    const hold = await this.holds.findById(holdId);
    if (!hold || (hold.userId !== caller.id && !caller.isStaff)) throw new HoldNotFoundError();
    return hold;
  }

  /** `GET /api/holds/`: the caller's holds, newest first; staff see all and may filter by user. */
  async list(query: ListHoldsQuery, caller: UserEntity, requestUrl: URL): Promise<Page<HoldResponse>> {
    const request = pageRequest(query);
    const userId = caller.isStaff ? query.user_id : caller.id;
    const [holds, count] = await this.holds.page({ userId, eventId: query.event_id, status: query.status }, request);
    return toPage(request, count, holds.map(toHoldResponse), requestUrl);
  }

  /** The hold locked in the event's turn (event row first, then the hold), still active; 404 / 410 / 409 otherwise. */
  private async lockActive(turn: EventTurn, holdId: string, actor: Actor): Promise<LockedHold> {
    await turn.lockEvent();
    const standing = standingOf((await this.holds.findForUpdate(holdId, turn.manager)) ?? undefined, actor.user);
    if (standing.kind === 'refused') throw standing.refusal;
    return standing.hold;
  }

  private confirmed(holdId: string, source: HoldSource, answer: Answer<BookingResponse>): Answer<BookingResponse> {
    if (answer.replayed) return answer;
    const booking = answer.body;
    this.metrics.holds.inc({ outcome: 'confirmed' });
    if (source === 'waitlist') this.metrics.waitlist.inc({ outcome: 'converted' });
    this.logger.log({ msg: 'hold confirmed', outcome: 'hold.confirmed', hold_id: holdId, source, ...booking });
    this.metrics.bookingsConfirmed.inc();
    this.metrics.ticketsSold.inc(booking.number_of_tickets);
    return answer;
  }
}

function created(hold: HoldEntity): { status: number; body: HoldResponse } {
  return { status: HttpStatus.CREATED, body: toHoldResponse(hold) };
}
