import { Injectable } from '@nestjs/common';

import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { CapacityBelowSoldError, EventNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { ReplicaReads } from '../database/replicas/replica-reads';
import { Transactions } from '../database/transactions';
import { AvailabilityCache } from './availability-cache';
import { CreateEventDto } from './dto/create-event.dto';
import { EventResponse, toEventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventEntity } from './event.entity';
import { EventChanges, EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
    private readonly availability: AvailabilityCache,
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
        },
        manager,
      );
      await this.audit.record({ action: 'event.created', actorId: actor.user.id, eventId: event.id, requestId: actor.requestId }, manager);
      return event;
    });
  }

  /**
   * Staff edit. A capacity change moves available_tickets by the same amount under the event's
   * row lock, so tickets sold stay sold; a capacity below them is refused.
   */
  async update(id: string, dto: UpdateEventDto, actor: Actor): Promise<EventEntity> {
    const updated = await this.transactions.run(async (manager) => {
      const event = await this.events.findForUpdate(id, manager);
      if (!event) throw new EventNotFoundError();
      if (dto.capacity !== undefined) {
        const sold = event.capacity - event.availableTickets;
        if (dto.capacity < sold) throw new CapacityBelowSoldError(sold, dto.capacity);
        await this.events.resize(id, dto.capacity, manager);
      }
      const changes: EventChanges = {
        name: dto.name,
        description: dto.description,
        venue: dto.venue,
        startsAt: dto.starts_at === undefined ? undefined : new Date(dto.starts_at),
        price: dto.price,
        maxTicketsPerBooking: dto.max_tickets_per_booking,
      };
      const definedChanges = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const updated = await this.events.update(id, definedChanges, manager);
      await this.audit.record({ action: 'event.updated', actorId: actor.user.id, eventId: id, requestId: actor.requestId }, manager);
      return updated;
    });
    this.availability.forget(id);
    return updated;
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
