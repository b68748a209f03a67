import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest } from '../common/pagination/pagination';
import { AuditAction, AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  actorId: string | null;
  bookingId?: string | null;
  eventId?: string | null;
  requestId?: string | null;
}

export interface AuditFilters {
  bookingId?: string;
  actorId?: string;
  eventId?: string;
  action?: AuditAction;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /** Always called with the transaction's manager: the entry commits or rolls back with the change. */
  async record(entry: AuditRecord, manager: EntityManager): Promise<void> {
    await this.recordAll([entry], manager);
  }

  /** Many entries in one INSERT (an event cancellation audits each of its bookings). */
  async recordAll(entries: AuditRecord[], manager: EntityManager): Promise<void> {
    if (!entries.length) return;
    await manager.insert(
      AuditEntryEntity,
      entries.map((entry) => ({
        action: entry.action,
        actorId: entry.actorId,
        bookingId: entry.bookingId ?? null,
        eventId: entry.eventId ?? null,
        requestId: entry.requestId ?? null,
      })),
    );
  }

  /** Newest first, id breaking ties, so pages never repeat or skip an entry. */
  page(filters: AuditFilters, request: PageRequest): Promise<[AuditEntryEntity[], number]> {
    return this.entries.findAndCount({
      where: filters,
      order: { at: 'DESC', id: 'DESC' },
      skip: request.offset,
      take: request.pageSize,
    });
  }
}
