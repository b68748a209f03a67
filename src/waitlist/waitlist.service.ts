import { Injectable, Logger } from '@nestjs/common';

import { Actor } from '../common/auth/actor';
import { visibleTo } from '../common/auth/visible-to';
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
import { refusalOf, SeatInventory, SeatTransaction } from '../inventory';
import { Metrics } from '../metrics/metrics';
import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from '../users/on-behalf-of';
import { toWaitlistEntryResponse, WaitlistEntryResponse } from './dto/waitlist-entry.response';
import { WaitlistEntryView, WaitlistRepository } from './waitlist.repository';

/** Contract 6. The waiting line is a client of the event's seats: joining and leaving run in one of the event's seat transactions. */
@Injectable()
export class WaitlistService {
  private readonly logger = new Logger('Waitlist');

  constructor(
    private readonly waitlist: WaitlistRepository,
    private readonly events: EventsRepository,
    private readonly inventory: SeatInventory,
    private readonly onBehalfOf: OnBehalfOf,
    private readonly metrics: Metrics,
  ) {}

  /** Joins the line only when the request does not fit now (holds whose time is up are reclaimed first). */
  async join(eventId: string, tickets: number, requestedUserId: string | undefined, actor: Actor): Promise<WaitlistEntryResponse> {
    const userId = await this.onBehalfOf.userFor(requestedUserId, actor.user);
    const entryId = await this.inventory.transaction(eventId, async (seats) => {
      await this.refuseIfFits(seats, tickets);
      const queued = await this.waitlist.queuedEntryOf(eventId, userId, seats.manager);
      if (queued) throw new AlreadyOnWaitlistError(queued);
      return this.waitlist.insertWaiting(eventId, userId, tickets, { actorId: actor.user.id, requestId: actor.requestId }, seats.manager);
    });
    this.metrics.waitlist.inc({ outcome: 'joined' });
    const entry = toWaitlistEntryResponse((await this.waitlist.findView(entryId))!);
    this.logger.log({ msg: 'waiting list joined', outcome: 'waitlist.joined', ...entry });
    return entry;
  }

  private async refuseIfFits(seats: SeatTransaction, tickets: number): Promise<void> {
    const event = await seats.lockEvent();
    // Not open, or over the per-booking maximum: the same answers as a booking.
    const refusal = refusalOf(event, Number.MAX_SAFE_INTEGER, tickets, new Date());
    if (refusal) throw refusal;
    if (seats.availableTickets < tickets) await seats.expireOverdueHolds();
    if (seats.availableTickets >= tickets) throw new TicketsAvailableError(seats.availableTickets);
  }

  /** Leaves the line; an offered hold is released and its seats go on down the line. */
  async leave(entryId: string, actor: Actor): Promise<void> {
    const { eventId } = await this.findVisible(entryId, actor.user);
    const by = { actorId: actor.user.id, requestId: actor.requestId };
    await this.inventory.transaction(eventId, async (seats) => {
      await seats.lockEvent();
      const entry = await this.waitlist.findForUpdate(entryId, seats.manager);
      if (!entry) throw new WaitlistEntryNotFoundError();
      if (entry.status !== 'waiting' && entry.status !== 'offered') throw new NotOnWaitlistError(entry.status);
      await this.waitlist.markLeft(entry, by, seats.manager);
      if (entry.status === 'offered' && entry.holdId) await seats.endHolds({ ids: [entry.holdId] }, 'released', by);
    });
    this.metrics.waitlist.inc({ outcome: 'left' });
    this.logger.log({ msg: 'waiting list left', outcome: 'waitlist.left', entry_id: entryId, event_id: eventId, user_id: actor.user.id });
  }

  /** The caller's entry, or anyone's for staff; another user's entry does not exist for the caller. */
  async findVisible(entryId: string, caller: UserEntity): Promise<WaitlistEntryView> {
    const entry = await this.waitlist.findView(entryId);
    if (!visibleTo(entry, caller)) throw new WaitlistEntryNotFoundError();
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
