import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BookingsRepository } from '../bookings/bookings.repository';
import { CacheInvalidation } from '../common/cache/cache-invalidation';
import { AppConfig } from '../config/app-config';
import { AvailabilityCache } from '../events/availability-cache';
import { EventsRepository } from '../events/events.repository';
import { HoldsRepository } from '../holds/holds.repository';
import { BookingEntity } from '../schema/booking.entity';
import { EventEntity } from '../schema/event.entity';
import { HoldEntity } from '../schema/hold.entity';
import { WaitlistEntryEntity } from '../schema/waitlist-entry.entity';
import { WaitlistRepository } from '../waitlist/waitlist.repository';
import { EarlyRefusal } from './early-refusal';
import { EventTurns } from './event-turns';

/**
 * Seats have one owner, EventTurns, with the repositories of the tables that hold seats (events,
 * bookings, holds, the waiting line); bookings, holds, the waiting list and event admin are its
 * clients, so they import this module for those repositories too.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, BookingEntity, HoldEntity, WaitlistEntryEntity])],
  providers: [
    EventsRepository,
    BookingsRepository,
    HoldsRepository,
    WaitlistRepository,
    EventTurns,
    EarlyRefusal,
    {
      provide: AvailabilityCache,
      inject: [AppConfig, CacheInvalidation],
      useFactory: (config: AppConfig, invalidation: CacheInvalidation) =>
        invalidation.share('availability', new AvailabilityCache(config.availabilityCacheTtlMs)),
    },
  ],
  exports: [EventsRepository, BookingsRepository, HoldsRepository, WaitlistRepository, EventTurns, EarlyRefusal, AvailabilityCache],
})
export class InventoryModule {}
