import { Module } from '@nestjs/common';

import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BookingsModule } from './bookings/bookings.module';
import { CacheInvalidationModule } from './common/cache/cache-invalidation.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { HoldsModule } from './holds/holds.module';
import { MetricsModule } from './metrics/metrics.module';
import { LoggingModule } from './observability/logging.module';
import { MetricsEndpointModule } from './observability/metrics/metrics-endpoint.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { entities } from './schema/entities';
import { UsersModule } from './users/users.module';
import { WaitlistModule } from './waitlist/waitlist.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    MetricsEndpointModule,
    DatabaseModule.forRoot(entities),
    RateLimitsModule,
    CacheInvalidationModule,
    AuthModule,
    UsersModule,
    EventsModule,
    BookingsModule,
    HoldsModule,
    WaitlistModule,
    AuditModule,
    AnalyticsModule,
    HealthModule,
  ],
})
export class AppModule {}
