import { Module } from '@nestjs/common';

import { AnalyticsModule } from '../../analytics/analytics.module';
import { AuthModule } from '../../auth/auth.module';
import { BackupGauges } from './backup-gauges';
import { DatabaseGauges } from './database-gauges';
import { MetricsController } from './metrics.controller';
import { MetricsAccessGuard } from './metrics-access.guard';

/** `/metrics`: the registry's text, the gauges read from the database when scraped, and who may scrape. */
@Module({
  imports: [AnalyticsModule, AuthModule],
  controllers: [MetricsController],
  providers: [DatabaseGauges, BackupGauges, MetricsAccessGuard],
})
export class MetricsEndpointModule {}
