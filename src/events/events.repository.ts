import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';

import { batchPerLoopPass, inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { PageRequest } from '../common/pagination/pagination';
import { lockById } from '../database/lock-by-id';
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

@Injectable()
export class EventsRepository {
  // During an on-sale every availability poll and every refused booking reads the same row.
  private readonly currentById = batchPerLoopPass((ids: readonly string[]) => this.findByIds(ids));

  constructor(@InjectRepository(EventEntity) private readonly events: Repository<EventEntity>) {}

  /**
   * The event as committed now. One read serves every request of this event-loop pass that asks
   * for the event, so the object is frozen: no caller can change what the others see.
   */
  findById(id: string): Promise<Readonly<EventEntity> | null> {
    return this.currentById.load(id);
  }

  /** The event as a page shows it, read on the connection the caller picks (a replica: see EventsService). */
  findForDisplay(id: string, manager: EntityManager): Promise<EventEntity | null> {
    return manager.getRepository(EventEntity).findOneBy({ id });
  }

  /** The event row locked until the transaction ends: every seat change of an event queues here. */
  findForUpdate(id: string, manager: EntityManager): Promise<EventEntity | null> {
    return lockById(manager, EventEntity, id);
  }

  async availableTickets(id: string): Promise<number | null> {
    return (await this.findById(id))?.availableTickets ?? null;
  }

  /** One query for several events: for each id asked, its event or null. */
  private async findByIds(ids: readonly string[]): Promise<(Readonly<EventEntity> | null)[]> {
    const events = await this.events.findBy({ id: In([...ids]) });
    return inKeyOrder(
      ids,
      events.map((event) => Object.freeze(event)),
      (event) => event.id,
    );
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

  /** A new capacity moves the seats left by as much, so the tickets sold stay sold. */
  async resize(id: string, capacity: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE events SET available_tickets = available_tickets + ($2 - capacity), capacity = $2, updated_at = now() WHERE id = $1`,
      [id, capacity],
    );
  }

  /** A cancelled event has every seat back: its bookings are cancelled in the same transaction. */
  async markCancelled(id: string, manager: EntityManager): Promise<EventEntity> {
    const repository = manager.getRepository(EventEntity);
    await repository.update({ id }, { status: 'cancelled', availableTickets: () => 'capacity' });
    return repository.findOneByOrFail({ id });
  }

  /** Seat arithmetic stays in SQL; the CHECK constraint keeps the count within [0, capacity]. */
  async changeAvailable(id: string, delta: number, manager: EntityManager): Promise<void> {
    await manager.query(changeSeatsSql('$1', '$2::integer'), [id, delta]);
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
export function changeSeatsSql(eventId: string, delta: string): string {
  return `UPDATE events SET available_tickets = available_tickets + (${delta}), updated_at = now() WHERE id = ${eventId}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
