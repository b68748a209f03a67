import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { BookingRejectionEntity } from '../schema/booking-rejection.entity';
import { UsersModule } from '../users/users.module';
import { BookingsController } from './bookings.controller';
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

@Module({
  imports: [TypeOrmModule.forFeature([BookingRejectionEntity]), InventoryModule, UsersModule, AuditModule],
  controllers: [BookingsController, UserBookingsController, EventCancellationController],
  providers: [
    BookingsService,
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
