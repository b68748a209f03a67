import { Global, Module } from '@nestjs/common';

import { AnalyticsModule } from '../../analytics/analytics.module';
import { AuthModule } from '../../auth/auth.module';
import { BackupGauges } from './backup-gauges';
import { DatabaseGauges } from './database-gauges';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsAccessGuard } from './metrics-access.guard';

@Global()
@Module({
  imports: [AnalyticsModule, AuthModule],
  controllers: [MetricsController],
  providers: [Metrics, DatabaseGauges, BackupGauges, MetricsAccessGuard],
  exports: [Metrics],
})
export class MetricsModule {}
