import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Repository } from 'typeorm';

import { frozenRowsById } from '../common/batching/frozen-rows-by-id';
import { PageRequest } from '../common/pagination/pagination';
import { pageOf } from '../database/page-of';
import { HoldEntity, HoldStatus } from '../schema/hold.entity';

export interface HoldFilters {
  userId?: string;
  eventId?: string;
  status?: HoldStatus;
}

/** Reads of holds; every statement that makes, ends or locks one is the inventory's. */
@Injectable()
export class HoldsRepository {
  // During an on-sale every confirmation first reads its hold, to find the event whose queue it joins.
  private readonly currentById: DataLoader<string, Readonly<HoldEntity> | null>;

  constructor(@InjectRepository(HoldEntity) private readonly holds: Repository<HoldEntity>) {
    this.currentById = frozenRowsById(holds);
  }

  /** The hold as committed now, shared (frozen) with the requests of this pass of the event loop that ask for it. */
  findById(id: string): Promise<Readonly<HoldEntity> | null> {
    return this.currentById.load(id);
  }

  /** A page of the holds that match the filters, newest first, and how many match in all. */
  page(filters: HoldFilters, request: PageRequest): Promise<[HoldEntity[], number]> {
    const query = this.holds.createQueryBuilder('hold').orderBy('hold.createdAt', 'DESC').addOrderBy('hold.id', 'DESC');
    if (filters.userId) query.andWhere('hold.userId = :userId', { userId: filters.userId });
    if (filters.eventId) query.andWhere('hold.eventId = :eventId', { eventId: filters.eventId });
    if (filters.status) query.andWhere('hold.status = :status', { status: filters.status });
    return pageOf(query, request);
  }
}
