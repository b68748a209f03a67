import { AuditEntryEntity } from './audit-entry.entity';
import { AuthTokenEntity } from './auth-token.entity';
import { BookingEntity } from './booking.entity';
import { BookingRejectionEntity } from './booking-rejection.entity';
import { EventEntity } from './event.entity';
import { HoldEntity } from './hold.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { UserEntity } from './user.entity';
import { WaitlistEntryEntity } from './waitlist-entry.entity';

export const entities = [
  UserEntity,
  AuthTokenEntity,
  EventEntity,
  BookingEntity,
  BookingRejectionEntity,
  AuditEntryEntity,
  IdempotencyKeyEntity,
  HoldEntity,
  WaitlistEntryEntity,
];
