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
    await manager.insert(AuditEntryEntity, {
      action: entry.action,
      actorId: entry.actorId,
      bookingId: entry.bookingId ?? null,
      eventId: entry.eventId ?? null,
      requestId: entry.requestId ?? null,
    });
  }
}
