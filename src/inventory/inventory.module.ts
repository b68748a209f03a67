import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BookingEntity } from '../bookings/booking.entity';
import { BookingsRepository } from '../bookings/bookings.repository';
import { EventsModule } from '../events/events.module';
import { EventTurns } from './event-turns';

/** Seats have one owner, EventTurns, with the repositories of the tables that hold seats; bookings are its client. */
@Module({
  imports: [TypeOrmModule.forFeature([BookingEntity]), EventsModule],
  providers: [BookingsRepository, EventTurns],
  exports: [BookingsRepository, EventTurns],
})
export class InventoryModule {}
