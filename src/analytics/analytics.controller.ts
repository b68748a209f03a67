import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiAuthErrors, ApiError } from '../common/errors/api-error.decorator';
import { AnalyticsService } from './analytics.service';
import { PeakTimesResponse, SummaryResponse } from './dto/analytics.responses';
import { AnalyticsWindowQuery, PeakTimesQuery } from './dto/analytics-window.query';

const BAD_WINDOW = { error: 'Invalid input.', details: { from: ['from must be an ISO 8601 date or date-time'] } };

@ApiTags('analytics')
@ApiAuthErrors()
@ApiError(400, 'A bad `from`, `to` or `bucket`, or `from` not before `to`.', BAD_WINDOW)
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
