import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

import { AnalyticsRepository, EventUtilisationRow } from '../../analytics/analytics.repository';
import { ReadThroughCache } from '../../common/cache/read-through-cache';
import { AppConfig } from '../../config/app-config';
import { pgPoolOf } from '../../database/pg-pool';
import { Metrics } from '../../metrics/metrics';

/**
 * Gauges read at scrape time rather than kept up to date per request: utilisation comes from one
 * SQL query over the events, so it is right whichever instance took the bookings. That query's
 * answer is kept for METRICS_CACHE_TTL_MS, so scrapes, however frequent, cost at most one query per period.
 */
@Injectable()
export class DatabaseGauges {
  private readonly logger = new Logger('Metrics');

  constructor(metrics: Metrics, analytics: AnalyticsRepository, dataSource: DataSource, config: AppConfig) {
    const logger = this.logger;
    const pool = pgPoolOf(dataSource);
    const utilisation = new ReadThroughCache<EventUtilisationRow[]>(config.metricsCacheTtlMs, 1);
    // Registered first, so a scrape reads the pool before the utilisation query below takes a connection.
    new Gauge({
      name: 'evently_db_pool_connections',
      help: 'Database pool connections: in_use, idle, and requests waiting for one.',
      labelNames: ['state'] as const,
      registers: [metrics.registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });

    new Gauge({
      name: 'evently_holds_and_waitlist',
      help: 'Seats in active holds (tickets_held) and waiting-list entries waiting (waitlist_waiting), over all events.',
      labelNames: ['figure'] as const,
      registers: [metrics.registry],
      async collect() {
        try {
          const now = await analytics.holdsAndLine();
          this.set({ figure: 'tickets_held' }, now.tickets_held);
          this.set({ figure: 'waitlist_waiting' }, now.waitlist_waiting);
        } catch (error) {
          logger.warn({ msg: 'holds and waiting list not collected', error: (error as Error).message });
        }
      },
    });

    new Gauge({
      name: 'evently_event_utilisation_ratio',
      help: 'Tickets sold / capacity of each scheduled event that has not started.',
      labelNames: ['event_id'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        try {
          const rows = await utilisation.read('scheduled events', () => analytics.scheduledEventUtilisation());
          for (const row of rows ?? []) this.set({ event_id: row.event_id }, row.utilisation);
        } catch (error) {
          // The rest of the scrape is still worth having while the database is away.
          logger.warn({ msg: 'event utilisation not collected', error: (error as Error).message });
        }
      },
    });
  }
}
