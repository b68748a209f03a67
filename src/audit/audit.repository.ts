import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PageRequest } from '../common/pagination/pagination';
import { pageOf } from '../database/page-of';
import { AuditAction, AuditEntryEntity, insertAuditEntriesSql } from '../schema/audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  actorId: string | null;
  bookingId?: string | null;
  eventId?: string | null;
  requestId?: string | null;
  holdId?: string | null;
  waitlistEntryId?: string | null;
}

export interface AuditFilters {
  bookingId?: string;
  actorId?: string;
  eventId?: string;
  action?: AuditAction;
}

@Injectable()
export class AuditRepository {
  /** Always called with the transaction's manager: the entry commits or rolls back with the change. */
  async record(entry: AuditRecord, manager: EntityManager): Promise<void> {
    await this.recordAll([entry], manager);
  }

  /**
   * Many entries in one INSERT (an event cancellation audits each of its bookings). Written as SQL:
   * every booking pays for this insert, and TypeORM's insert builder cost more CPU than the insert.
   */
  async recordAll(entries: AuditRecord[], manager: EntityManager): Promise<void> {
    if (!entries.length) return;
    const column = <K extends keyof AuditRecord>(key: K) => entries.map((entry) => entry[key] ?? null);
    await manager.query(
      insertAuditEntriesSql(
        'SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::uuid[], $7::uuid[])',
      ),
      [
        column('action'),
        column('actorId'),
        column('bookingId'),
        column('eventId'),
        column('requestId'),
        column('holdId'),
        column('waitlistEntryId'),
      ],
    );
  }

  /** Newest first, id breaking ties, so pages never repeat or skip an entry. */
  page(filters: AuditFilters, request: PageRequest, manager: EntityManager): Promise<[AuditEntryEntity[], number]> {
    const query = manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('entry')
      .orderBy('entry.at', 'DESC')
      .addOrderBy('entry.id', 'DESC');
    if (filters.bookingId) query.andWhere('entry.bookingId = :bookingId', { bookingId: filters.bookingId });
    if (filters.actorId) query.andWhere('entry.actorId = :actorId', { actorId: filters.actorId });
    if (filters.eventId) query.andWhere('entry.eventId = :eventId', { eventId: filters.eventId });
    if (filters.action) query.andWhere('entry.action = :action', { action: filters.action });
    return pageOf(query, request);
  }
}
