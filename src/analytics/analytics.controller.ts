import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiError } from '../common/errors/api-error.decorator';
import { ValidationFailedError } from '../common/errors/domain-errors';
import { AnalyticsService } from './analytics.service';
import { PeakTimesResponse, SummaryResponse } from './dto/analytics.responses';
import { AnalyticsWindowQuery, PeakTimesQuery } from './dto/analytics-window.query';

@ApiTags('analytics')
@ApiError(
  'A bad `from`, `to` or `bucket`, `from` not before `to`, or a window over 366 days.',
  new ValidationFailedError({ from: ['from must be an ISO 8601 date or date-time'] }),
)
@StaffOnly()
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Booking figures over a window (staff); default: the last 30 days' })
  @ApiOkResponse({ type: SummaryResponse })
  summary(@Query() query: AnalyticsWindowQuery): Promise<SummaryResponse> {
    return this.analytics.summary(query);
  }

  @Get('peak-times')
  @ApiOperation({ summary: 'Bookings and tickets per hour or day (UTC) over a window (staff)' })
  @ApiOkResponse({ type: PeakTimesResponse })
  peakTimes(@Query() query: PeakTimesQuery): Promise<PeakTimesResponse> {
    return this.analytics.peakTimes(query);
  }
}
