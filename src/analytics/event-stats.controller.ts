import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiEventNotFound, EventIdParam } from '../events/event-id.param';
import { AnalyticsService } from './analytics.service';
import { EventStatsResponse } from './dto/analytics.responses';

@ApiTags('analytics')
@Controller('events/:eventId/stats')
export class EventStatsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get()
  @StaffOnly()
  @ApiOperation({ summary: 'Seats, bookings and revenue of one event, now (staff)' })
  @ApiOkResponse({ type: EventStatsResponse })
  @ApiEventNotFound()
  stats(@EventIdParam() id: string): Promise<EventStatsResponse> {
    return this.analytics.eventStats(id);
  }
}
