import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { BookingEntity } from './booking.entity';
import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

export const HOLD_STATUSES = ['active', 'confirmed', 'released', 'expired', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];
/** How a hold ended without becoming a booking; each gives its seats back. */
export type HoldEnding = Exclude<HoldStatus, 'active' | 'confirmed'>;
export type HoldSource = 'direct' | 'waitlist';

/**
 * Seats taken for a short time (contract 5). An active hold's seats are already out of
 * `available_tickets`; every change of status after that is made under the event's row lock.
 */
@Entity('holds')
@Check('holds_tickets_positive', 'number_of_tickets >= 1')
@Check('holds_status_known', "status IN ('active', 'confirmed', 'released', 'expired', 'cancelled')")
@Check('holds_source_known', "source IN ('direct', 'waitlist')")
// One active hold per user and event; ON CONFLICT of a new hold names this index's predicate.
@Index('holds_one_active_per_user_idx', ['eventId', 'userId'], { unique: true, where: "status = 'active'" })
// Overdue holds, per event (a seat transaction short of seats) and of all events (the sweeper).
@Index('holds_active_expiry_idx', ['eventId', 'expiresAt'], { where: "status = 'active'" })
@Index('holds_overdue_idx', ['expiresAt'], { where: "status = 'active'" })
@Index(['userId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
export class HoldEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'integer' })
  numberOfTickets: number;

  @Column({ type: 'varchar', length: 16 })
  status: HoldStatus;

  @Column({ type: 'varchar', length: 16 })
  source: HoldSource;

  /** Quoted at creation: confirming books at this total whatever the price is by then. */
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  totalAmount: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  bookingId: string | null;

  @ManyToOne(() => BookingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: BookingEntity;
}

/** A holds row as PostgreSQL sends it to a raw query. */
export interface HoldRow {
  id: string;
  event_id: string;
  user_id: string;
  number_of_tickets: number;
  status: HoldStatus;
  source: HoldSource;
  total_amount: string;
  expires_at: Date;
  created_at: Date;
  ended_at: Date | null;
  booking_id: string | null;
}

export function holdFromRow(row: HoldRow): HoldEntity {
  return Object.assign(new HoldEntity(), {
    id: row.id,
    eventId: row.event_id,
    userId: row.user_id,
    numberOfTickets: row.number_of_tickets,
    status: row.status,
    source: row.source,
    totalAmount: row.total_amount,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    bookingId: row.booking_id,
  });
}
