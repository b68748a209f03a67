import { Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { CapacityBelowSoldError, EventNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { AppConfig } from '../config/app-config';
import { ReplicaReads } from '../database/replicas/replica-reads';
import { Transactions } from '../database/transactions';
import { HoldsRepository } from '../holds/holds.repository';
import { EventTurns } from '../inventory/event-turns';
import { EventEntity } from '../schema/event.entity';
import { AvailabilityCache } from './availability-cache';
import { CreateEventDto } from './dto/create-event.dto';
import { EventResponse, toEventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventChanges, EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
    private readonly availability: AvailabilityCache,
    private readonly turns: EventTurns,
    private readonly holds: HoldsRepository,
    private readonly config: AppConfig,
    private readonly replicaReads: ReplicaReads,
  ) {}

  create(dto: CreateEventDto, actor: Actor): Promise<EventEntity> {
    return this.transactions.run(async (manager) => {
      const event = await this.events.insert(
        {
          name: dto.name,
          description: dto.description ?? '',
          venue: dto.venue,
          startsAt: new Date(dto.starts_at),
          capacity: dto.capacity,
          price: dto.price,
          maxTicketsPerBooking: dto.max_tickets_per_booking ?? null,
          holdSeconds: dto.hold_seconds ?? this.config.holdSeconds,
        },
        manager,
      );
      await this.audit.record({ action: 'event.created', actorId: actor.user.id, eventId: event.id, requestId: actor.requestId }, manager);
      return event;
    });
  }

  /**
   * Staff edit, in the event's turn. A capacity change moves available_tickets by the same amount,
   * so seats booked or held stay taken; a capacity below them is refused (holds whose time is up
   * are reclaimed first), and seats that appear go down the waiting line first (contract 6).
   */
  update(id: string, dto: UpdateEventDto, actor: Actor): Promise<EventEntity> {
    return this.turns.alone(id, async (turn) => {
      const event = await turn.lockEvent();
      if (dto.capacity !== undefined) {
        await turn.reclaimOverdue();
        const taken = event.capacity - turn.availableTickets;
        if (dto.capacity < taken) {
          const held = await this.holds.heldSeats(id, turn.manager);
          throw new CapacityBelowSoldError(taken - held, held, dto.capacity);
        }
        await turn.resize(dto.capacity);
      }
      const changes: EventChanges = {
        name: dto.name,
        description: dto.description,
        venue: dto.venue,
        startsAt: dto.starts_at === undefined ? undefined : new Date(dto.starts_at),
        price: dto.price,
        maxTicketsPerBooking: dto.max_tickets_per_booking,
        holdSeconds: dto.hold_seconds,
      };
      const definedChanges = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const updated = await this.events.update(id, definedChanges, turn.manager);
      await this.audit.record({ action: 'event.updated', actorId: actor.user.id, eventId: id, requestId: actor.requestId }, turn.manager);
      return updated;
    });
  }

  /** The public event page and list may be a moment behind, so they are read from a replica when one is current. */
  async findOne(id: string): Promise<Readonly<EventEntity>> {
    const event = await this.replicaReads.find((manager) => this.events.findForDisplay(id, manager));
    if (!event) throw new EventNotFoundError();
    return event;
  }

  /** Read without a lock: the committed count at this instant (contract 4), or a cached one when enabled. */
  async availableTickets(id: string): Promise<number> {
    const available = await this.availability.read(id, (eventId) => this.events.availableTickets(eventId));
    if (available === null) throw new EventNotFoundError();
    return available;
  }

  async list(query: ListEventsQuery, requestUrl: URL): Promise<Page<EventResponse>> {
    const request = pageRequest(query);
    const filters = { upcomingAfter: query.upcoming === 'true' ? new Date() : undefined, search: query.search };
    const [events, count] = await this.replicaReads.read((manager) => this.events.page(filters, request, manager));
    return toPage(request, count, events.map(toEventResponse), requestUrl);
  }
}
