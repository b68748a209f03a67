import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BookingEntity } from '../bookings/booking.entity';
import { BookingsRepository } from '../bookings/bookings.repository';
import { CacheInvalidation } from '../common/cache/cache-invalidation';
import { AppConfig } from '../config/app-config';
import { AvailabilityCache } from '../events/availability-cache';
import { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { HoldEntity } from '../holds/hold.entity';
import { HoldsRepository } from '../holds/holds.repository';
import { WaitlistRepository } from '../waitlist/waitlist.repository';
import { WaitlistEntryEntity } from '../waitlist/waitlist-entry.entity';
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
