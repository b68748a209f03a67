import { Injectable, Logger } from '@nestjs/common';

import { Actor } from '../common/auth/actor';
import {
  AlreadyOnWaitlistError,
  EventNotFoundError,
  NotOnWaitlistError,
  TicketsAvailableError,
  WaitlistEntryNotFoundError,
} from '../common/errors/domain-errors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { EventsRepository } from '../events/events.repository';
import { EventTurn } from '../inventory/event-turn';
import { EventTurns } from '../inventory/event-turns';
import { refusalOf } from '../inventory/seat-allocation';
import { Metrics } from '../metrics/metrics';
import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from '../users/on-behalf-of';
import { toWaitlistEntryResponse, WaitlistEntryResponse } from './dto/waitlist-entry.response';
import { WaitlistEntryView, WaitlistRepository } from './waitlist.repository';

/** Contract 6. The waiting line is a client of the event's seats: joining and leaving take the event's turn. */
@Injectable()
export class WaitlistService {
  private readonly logger = new Logger('Waitlist');

  constructor(
    private readonly waitlist: WaitlistRepository,
    private readonly events: EventsRepository,
    private readonly turns: EventTurns,
    private readonly onBehalfOf: OnBehalfOf,
    private readonly metrics: Metrics,
  ) {}

  /** Joins the line only when the request does not fit now (holds whose time is up are reclaimed first). */
  async join(eventId: string, tickets: number, requestedUserId: string | undefined, actor: Actor): Promise<WaitlistEntryResponse> {
    const userId = await this.onBehalfOf.userFor(requestedUserId, actor.user);
    const entryId = await this.turns.alone(eventId, async (turn) => {
      await this.refuseIfFits(turn, tickets);
      const queued = await this.waitlist.queuedEntryOf(eventId, userId, turn.manager);
      if (queued) throw new AlreadyOnWaitlistError(queued);
      return this.waitlist.insertWaiting(eventId, userId, tickets, { actorId: actor.user.id, requestId: actor.requestId }, turn.manager);
    });
    this.metrics.waitlist.inc({ outcome: 'joined' });
    const entry = toWaitlistEntryResponse((await this.waitlist.findView(entryId))!);
    this.logger.log({ msg: 'waiting list joined', outcome: 'waitlist.joined', ...entry });
    return entry;
  }

  private async refuseIfFits(turn: EventTurn, tickets: number): Promise<void> {
    const event = await turn.lockEvent();
    // Not open, or over the per-booking maximum: the same answers as a booking.
    const refusal = refusalOf(event, Number.MAX_SAFE_INTEGER, tickets, new Date());
    if (refusal) throw refusal;
    if (turn.availableTickets < tickets) await turn.reclaimOverdue();
    if (turn.availableTickets >= tickets) throw new TicketsAvailableError(turn.availableTickets);
  }

  /** Leaves the line; an offered hold is released and its seats go on down the line. */
  async leave(entryId: string, actor: Actor): Promise<void> {
    const { eventId } = await this.findVisible(entryId, actor.user);
    const by = { actorId: actor.user.id, requestId: actor.requestId };
    await this.turns.alone(eventId, async (turn) => {
      await turn.lockEvent();
      const entry = await this.waitlist.findForUpdate(entryId, turn.manager);
      if (!entry) throw new WaitlistEntryNotFoundError();
      if (entry.status !== 'waiting' && entry.status !== 'offered') throw new NotOnWaitlistError(entry.status);
      await this.waitlist.markLeft(entry, by, turn.manager);
      if (entry.status === 'offered' && entry.holdId) await turn.endHolds({ ids: [entry.holdId] }, 'released', by);
    });
    this.metrics.waitlist.inc({ outcome: 'left' });
    this.logger.log({ msg: 'waiting list left', outcome: 'waitlist.left', entry_id: entryId, event_id: eventId, user_id: actor.user.id });
  }

  /** The caller's entry, or anyone's for staff; another user's entry does not exist for the caller. */
  async findVisible(entryId: string, caller: UserEntity): Promise<WaitlistEntryView> {
    const entry = await this.waitlist.findView(entryId);
    if (!entry || (entry.userId !== caller.id && !caller.isStaff)) throw new WaitlistEntryNotFoundError();
    return entry;
  }

  /** Staff: the event's entries in line order. */
  async line(eventId: string, query: PageQueryDto, requestUrl: URL): Promise<Page<WaitlistEntryResponse>> {
    if (!(await this.events.findById(eventId))) throw new EventNotFoundError();
    const request = pageRequest(query);
    const [entries, count] = await this.waitlist.pageOfEvent(eventId, request);
    return toPage(request, count, entries.map(toWaitlistEntryResponse), requestUrl);
  }
}
