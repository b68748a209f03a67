import { Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { AppConfig } from '../config/app-config';
import { ReplicaReads } from '../database/replicas/replica-reads';
import { Transactions } from '../database/transactions';
import { SeatInventory } from '../inventory';
import { EventEntity } from '../schema/event.entity';
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
    private readonly inventory: SeatInventory,
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

  /** Staff edit, in one of the event's seat transactions: a capacity change is the inventory's (`SeatTransaction.resize`). */
  update(id: string, dto: UpdateEventDto, actor: Actor): Promise<EventEntity> {
    return this.inventory.transaction(id, async (seats) => {
      await seats.lockEvent();
      if (dto.capacity !== undefined) await seats.resize(dto.capacity);
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
      const updated = await this.events.update(id, definedChanges, seats.manager);
      await this.audit.record({ action: 'event.updated', actorId: actor.user.id, eventId: id, requestId: actor.requestId }, seats.manager);
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
    const available = await this.inventory.availableTickets(id);
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
