import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  actorId: string | null;
  bookingId?: string | null;
  eventId?: string | null;
  requestId?: string | null;
}

@Injectable()
export class AuditRepository {
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
}
