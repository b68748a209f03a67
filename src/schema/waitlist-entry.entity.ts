import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { EventEntity } from './event.entity';
import { HoldEnding, HoldEntity } from './hold.entity';
import { UserEntity } from './user.entity';

export const WAITLIST_STATUSES = ['waiting', 'offered', 'converted', 'declined', 'expired', 'left', 'cancelled'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** What an offered entry becomes when its hold ends without a booking (contract 6): either way the seats go on. */
export const WAITLIST_STATUS_OF_HOLD_ENDING = {
  released: 'declined',
  expired: 'expired',
  cancelled: 'cancelled',
} as const satisfies Record<HoldEnding, WaitlistStatus>;

/** A place in an event's waiting line (contract 6); served in join order when seats come back. */
@Entity('waitlist_entries')
@Check('waitlist_entries_tickets_positive', 'number_of_tickets >= 1')
@Check('waitlist_entries_status_known', "status IN ('waiting', 'offered', 'converted', 'declined', 'expired', 'left', 'cancelled')")
// One place in line per user and event while waiting or offered.
@Index('waitlist_entries_one_per_user_idx', ['eventId', 'userId'], { unique: true, where: "status IN ('waiting', 'offered')" })
// The line itself: the waiting entries of an event in join order.
@Index('waitlist_entries_line_idx', ['eventId', 'joinedAt', 'id'], { where: "status = 'waiting'" })
@Index(['holdId'])
export class WaitlistEntryEntity {
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
  status: WaitlistStatus;

  /**
   * The clock at the insert, not the transaction's start: joins commit one at a time under the
   * event lock, so this orders the line as the joins took their turns.
   */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  joinedAt: Date;

  /** The hold offered to this entry, once offered. */
  @Column({ type: 'uuid', nullable: true })
  holdId: string | null;

  @ManyToOne(() => HoldEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hold_id' })
  hold?: HoldEntity;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
