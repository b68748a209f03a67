import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { CacheInvalidation } from '../common/cache/cache-invalidation';
import { AppConfig } from '../config/app-config';
import { EventEntity } from '../schema/event.entity';
import { AvailabilityCache } from './availability-cache';
import { EarlyRefusal } from './early-refusal';
import { HeldSeatsRepository } from './held-seats.repository';
import { OverdueHoldSweeper } from './overdue-hold-sweeper';
import { SeatInventory } from './seat-inventory';
import { SeatsRepository } from './seats.repository';

/**
 * Seats have one owner: SeatInventory, with the repositories holding every statement that moves
 * seats. Bookings, holds, the waiting list and event admin are its clients; it knows none of them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity])],
  providers: [
    SeatsRepository,
    HeldSeatsRepository,
    SeatInventory,
    EarlyRefusal,
    OverdueHoldSweeper,
    {
      provide: AvailabilityCache,
      inject: [AppConfig, CacheInvalidation],
      useFactory: (config: AppConfig, invalidation: CacheInvalidation) =>
        invalidation.share('availability', new AvailabilityCache(config.availabilityCacheTtlMs)),
    },
  ],
  exports: [SeatInventory, EarlyRefusal],
})
export class InventoryModule {}
