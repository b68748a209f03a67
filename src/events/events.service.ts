import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../common/auth/actor';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { Transactions } from '../database/transactions';
import { CreateEventDto } from './dto/create-event.dto';
import { EventResponse, toEventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { EventEntity } from './event.entity';
import { EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
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

  async findOne(id: string): Promise<EventEntity> {
    const event = await this.events.findById(id);
    if (!event) throw new EventNotFoundError();
    return event;
  }

  /** Read without a lock: the committed count at this instant (contract 4). */
  async availableTickets(id: string): Promise<number> {
    const available = await this.events.availableTickets(id);
    if (available === null) throw new EventNotFoundError();
    return available;
  }

  async list(query: ListEventsQuery, requestUrl: URL): Promise<Page<EventResponse>> {
    const request = pageRequest(query);
    const filters = { upcomingAfter: query.upcoming === 'true' ? new Date() : undefined, search: query.search };
    const [events, count] = await this.events.page(filters, request);
    return toPage(request, count, events.map(toEventResponse), requestUrl);
  }
}
