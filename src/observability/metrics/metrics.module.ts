import { Global, Module } from '@nestjs/common';

import { AnalyticsModule } from '../../analytics/analytics.module';
import { DatabaseGauges } from './database-gauges';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  imports: [AnalyticsModule],
  controllers: [MetricsController],
  providers: [Metrics, DatabaseGauges],
  exports: [Metrics],
})
export class MetricsModule {}
