import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { CacheInvalidation } from '../common/cache/cache-invalidation';
import { AppConfig } from '../config/app-config';
import { AvailabilityCache } from './availability-cache';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), AuditModule],
  controllers: [EventsController],
  providers: [
    EventsRepository,
    EventsService,
    {
      provide: AvailabilityCache,
      inject: [AppConfig, CacheInvalidation],
      useFactory: (config: AppConfig, invalidation: CacheInvalidation) =>
        invalidation.share('availability', new AvailabilityCache(config.availabilityCacheTtlMs)),
    },
  ],
  exports: [EventsRepository, AvailabilityCache],
})
export class EventsModule {}
