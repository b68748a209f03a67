import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { EventsModule } from '../events/events.module';
import { UsersModule } from '../users/users.module';
import { BookingEntity } from './booking.entity';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { EventCancellationController } from './event-cancellation.controller';
import { EventCancellationService } from './event-cancellation.service';
import { EventGate } from './event-gate';
import { IdempotencyService } from './idempotency/idempotency.service';
import { IdempotencyKeySweeper } from './idempotency/idempotency-key-sweeper';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository';
import { BookingOutcomes } from './outcomes/booking-outcomes';
import { BookingRejectionEntity } from './outcomes/booking-rejection.entity';
import { BookingRejectionSweeper } from './outcomes/booking-rejection-sweeper';
import { BookingRejectionsRepository } from './outcomes/booking-rejections.repository';
import { UserBookingsController } from './user-bookings.controller';

@Module({
  imports: [TypeOrmModule.forFeature([BookingEntity, BookingRejectionEntity]), EventsModule, UsersModule, AuditModule],
  controllers: [BookingsController, UserBookingsController, EventCancellationController],
  providers: [
    BookingsRepository,
    BookingsService,
    EventCancellationService,
    IdempotencyKeysRepository,
    IdempotencyService,
    IdempotencyKeySweeper,
    BookingOutcomes,
    BookingRejectionsRepository,
    BookingRejectionSweeper,
    {
      provide: EventGate,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new EventGate(config.bookingConcurrencyPerEvent, config.bookingQueuePerEvent, config.bookingBatchPerEvent),
    },
  ],
})
export class BookingsModule {}
