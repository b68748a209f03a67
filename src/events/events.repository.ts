import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, Repository } from 'typeorm';

import { frozenRowsById } from '../common/batching/frozen-rows-by-id';
import { PageRequest } from '../common/pagination/pagination';
import { pageOf } from '../database/page-of';
import { EventEntity } from '../schema/event.entity';

export interface NewEvent {
  name: string;
  description: string;
  venue: string;
  startsAt: Date;
  capacity: number;
  price: string;
  maxTicketsPerBooking: number | null;
  holdSeconds: number;
}

export type EventChanges = Partial<Omit<NewEvent, 'capacity'>>;

export interface EventFilters {
  upcomingAfter?: Date;
  search?: string;
}

/** Events' own rows: reads, creation and edits of everything but seats (the inventory's). */
@Injectable()
export class EventsRepository {
  private readonly currentById: DataLoader<string, Readonly<EventEntity> | null>;

  constructor(@InjectRepository(EventEntity) events: Repository<EventEntity>) {
    this.currentById = frozenRowsById(events);
  }

  /** The event as committed now, shared (frozen) with the requests of this pass of the event loop that ask for it. */
  findById(id: string): Promise<Readonly<EventEntity> | null> {
    return this.currentById.load(id);
  }

  /** The event as a page shows it, read on the connection the caller picks (a replica: see EventsService). */
  findForDisplay(id: string, manager: EntityManager): Promise<EventEntity | null> {
    return manager.getRepository(EventEntity).findOneBy({ id });
  }

  insert(event: NewEvent, manager: EntityManager): Promise<EventEntity> {
    const repository = manager.getRepository(EventEntity);
    return repository.save(repository.create({ ...event, availableTickets: event.capacity, status: 'scheduled' }));
  }

  async update(id: string, changes: EventChanges, manager: EntityManager): Promise<EventEntity> {
    const repository = manager.getRepository(EventEntity);
    // TypeORM refuses an UPDATE without values (a PATCH of the capacity alone, see resize).
    if (Object.keys(changes).length) await repository.update({ id }, changes);
    return repository.findOneByOrFail({ id });
  }

  page(filters: EventFilters, request: PageRequest, manager: EntityManager): Promise<[EventEntity[], number]> {
    const query = manager
      .getRepository(EventEntity)
      .createQueryBuilder('event')
      .orderBy('event.startsAt', 'ASC')
      .addOrderBy('event.id', 'ASC');
    if (filters.upcomingAfter) {
      query.andWhere('event.startsAt > :now AND event.status = :scheduled', { now: filters.upcomingAfter, scheduled: 'scheduled' });
    }
    if (filters.search) {
      query.andWhere('(event.name ILIKE :pattern OR event.venue ILIKE :pattern)', { pattern: `%${escapeLike(filters.search)}%` });
    }
    return pageOf(query, request);
  }
}

/**
 * The one seat update, as SQL, for every statement that moves seats: `eventId` and `delta` are
 * expressions of the caller's statement (its parameters), so a statement that also writes other
 * tables reuses it instead of spelling it again.
 */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
