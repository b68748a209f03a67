import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiValidationError } from '../common/errors/api-error.decorator';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { AuditService } from './audit.service';
import { AuditEntryResponse } from './dto/audit-entry.response';
import { ListAuditQuery } from './dto/list-audit.query';

@ApiTags('analytics')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @StaffOnly()
  @ApiOperation({ summary: 'The audit trail, newest first (staff); filter by booking, user (actor), event or action' })
  @ApiPage(AuditEntryResponse, 'http://localhost:3000/api/audit/')
  @ApiValidationError({ booking_id: ['booking_id must be a UUID'] })
  list(@Query() query: ListAuditQuery, @RequestUrl() url: URL): Promise<Page<AuditEntryResponse>> {
    return this.audit.list(query, url);
  }
}
