import { Injectable } from '@nestjs/common';

import { EventNotFoundError, ValidationFailedError } from '../common/errors/domain-errors';
import { ReplicaReads } from '../database/replicas/replica-reads';
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

/** Staff figures may be a moment behind, so they are read from a replica when one is current. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly replicaReads: ReplicaReads,
  ) {}

  async summary(query: AnalyticsWindowQuery): Promise<SummaryResponse> {
    const window = timeWindow(query);
    return toSummaryResponse(window, await this.replicaReads.read((manager) => this.analytics.summary(window, manager)));
  }

  async peakTimes(query: PeakTimesQuery): Promise<PeakTimesResponse> {
    const window = timeWindow(query);
    const bucket = query.bucket ?? 'hour';
    return toPeakTimesResponse(
      window,
      bucket,
      await this.replicaReads.read((manager) => this.analytics.peakTimes(window, bucket, manager)),
    );
  }

  async eventStats(eventId: string): Promise<EventStatsResponse> {
    const row = await this.replicaReads.find((manager) => this.analytics.eventStats(eventId, manager));
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
