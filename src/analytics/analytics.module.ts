import { Module } from '@nestjs/common';

import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { EventStatsController } from './event-stats.controller';

@Module({
  controllers: [AnalyticsController, EventStatsController],
  providers: [AnalyticsRepository, AnalyticsService],
  exports: [AnalyticsRepository],
})
export class AnalyticsModule {}
