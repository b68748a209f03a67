import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuthTokenEntity } from '../auth/auth-token.entity';
import { BookingEntity } from '../bookings/booking.entity';
import { IdempotencyKeyEntity } from '../bookings/idempotency/idempotency-key.entity';
import { BookingRejectionEntity } from '../bookings/outcomes/booking-rejection.entity';
import { EventEntity } from '../events/event.entity';
import { HoldEntity } from '../holds/hold.entity';
import { UserEntity } from '../users/user.entity';
import { WaitlistEntryEntity } from '../waitlist/waitlist-entry.entity';

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
