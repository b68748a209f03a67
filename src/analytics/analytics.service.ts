import { Injectable } from '@nestjs/common';

import { EventNotFoundError, ValidationFailedError } from '../common/errors/domain-errors';
import { AnalyticsRepository, TimeWindow } from './analytics.repository';
import {
  EventStatsResponse,
  PeakTimesResponse,
  SummaryResponse,
  toEventStatsResponse,
  toPeakTimesResponse,
  toSummaryResponse,
} from './dto/analytics.responses';
import { AnalyticsWindowQuery, PeakTimesQuery } from './dto/analytics-window.query';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW_MS = 30 * DAY_MS;
/** The longest window a query may cover (a year, leap day included): every hour of it is a possible peak-times bucket. */
const MAX_WINDOW_DAYS = 366;

@Injectable()
export class AnalyticsService {
  constructor(private readonly analytics: AnalyticsRepository) {}

  async summary(query: AnalyticsWindowQuery): Promise<SummaryResponse> {
    const window = timeWindow(query);
    return toSummaryResponse(window, await this.analytics.summary(window));
  }

  async peakTimes(query: PeakTimesQuery): Promise<PeakTimesResponse> {
    const window = timeWindow(query);
    const bucket = query.bucket ?? 'hour';
    return toPeakTimesResponse(window, bucket, await this.analytics.peakTimes(window, bucket));
  }

  async eventStats(eventId: string): Promise<EventStatsResponse> {
    const row = await this.analytics.eventStats(eventId);
    if (!row) throw new EventNotFoundError();
    return toEventStatsResponse(row);
  }
}

/** `[from, to)`; `to` defaults to now and `from` to 30 days before `to`. */
function timeWindow(query: AnalyticsWindowQuery): TimeWindow {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (from >= to) throw new ValidationFailedError({ to: ['to must be later than from'] });
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new ValidationFailedError({ to: [`the window may span at most ${MAX_WINDOW_DAYS} days`] });
  }
  return { from, to };
}
