import { Injectable } from '@nestjs/common';

import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { ReplicaReads } from '../database/replicas/replica-reads';
import { AuditRepository } from './audit.repository';
import { AuditEntryResponse, toAuditEntryResponse } from './dto/audit-entry.response';
import { ListAuditQuery } from './dto/list-audit.query';

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly replicaReads: ReplicaReads,
  ) {}

  /** The trail may be a moment behind, so it is read from a replica when one is current. */
  async list(query: ListAuditQuery, requestUrl: URL): Promise<Page<AuditEntryResponse>> {
    const request = pageRequest(query);
    const filters = { bookingId: query.booking_id, actorId: query.user_id, eventId: query.event_id, action: query.action };
    const [entries, count] = await this.replicaReads.read((manager) => this.audit.page(filters, request, manager));
    return toPage(request, count, entries.map(toAuditEntryResponse), requestUrl);
  }
}
