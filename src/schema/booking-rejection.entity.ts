import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A booking request that was refused. Written after the booking's transaction rolled back (nothing
 * of the refused request survives that), so it is the only trace of the attempt; analytics count
 * these for `bookings_rejected`. No foreign keys: the event or user named may not exist.
 */
/** Why a booking request failed, as a short label for logs, metrics and analytics. */
export type RejectionReason =
  | 'insufficient_tickets'
  | 'event_not_open'
  | 'event_not_found'
  | 'over_max_per_booking'
  | 'invalid_request'
  | 'not_allowed'
  | 'user_not_found'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'busy'
  | 'other';

@Entity('booking_rejections')
@Index('booking_rejections_at_idx', ['at'])
export class BookingRejectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_booking_rejections' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  reason: RejectionReason;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'integer', nullable: true })
  requestedTickets: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  requestId: string | null;
}
