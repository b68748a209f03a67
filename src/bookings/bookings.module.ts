import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory';
import { BookingEntity } from '../schema/booking.entity';
import { BookingRejectionEntity } from '../schema/booking-rejection.entity';
import { UsersModule } from '../users/users.module';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { EventCancellationController } from './event-cancellation.controller';
import { EventCancellationService } from './event-cancellation.service';
import { IdempotencyService } from './idempotency/idempotency.service';
import { IdempotencyKeySweeper } from './idempotency/idempotency-key-sweeper';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository';
import { BookingRecorder } from './outcomes/booking-recorder';
import { BookingRejectionSweeper } from './outcomes/booking-rejection-sweeper';
import { BookingRejectionsRepository } from './outcomes/booking-rejections.repository';
import { UserBookingsController } from './user-bookings.controller';

/** Contracts 1-3: bookings, a client of the event's seats (InventoryModule), with idempotent retries and event cancellation. */
@Module({
  imports: [TypeOrmModule.forFeature([BookingEntity, BookingRejectionEntity]), InventoryModule, UsersModule, AuditModule],
  controllers: [BookingsController, UserBookingsController, EventCancellationController],
  providers: [
    BookingsService,
    BookingsRepository,
    EventCancellationService,
    IdempotencyKeysRepository,
    IdempotencyService,
    IdempotencyKeySweeper,
    BookingRecorder,
    BookingRejectionsRepository,
    BookingRejectionSweeper,
  ],
  exports: [IdempotencyService],
})
export class BookingsModule {}
