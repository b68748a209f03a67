import { Injectable } from '@nestjs/common';

import { Page, pageRequest, toPage } from '../common/pagination/pagination';
import { AuditRepository } from './audit.repository';
import { AuditEntryResponse, toAuditEntryResponse } from './dto/audit-entry.response';
import { ListAuditQuery } from './dto/list-audit.query';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: ListAuditQuery, requestUrl: URL): Promise<Page<AuditEntryResponse>> {
    const request = pageRequest(query);
    const filters = { bookingId: query.booking_id, actorId: query.user_id, eventId: query.event_id, action: query.action };
    const [entries, count] = await this.audit.page(filters, request);
    return toPage(request, count, entries.map(toAuditEntryResponse), requestUrl);
  }
}
