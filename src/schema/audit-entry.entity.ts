import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'booking.created',
  'booking.cancelled',
  'event.created',
  'event.updated',
  'event.cancelled',
  'hold.created',
  'hold.confirmed',
  'hold.released',
  'hold.expired',
  'hold.cancelled',
  'waitlist.joined',
  'waitlist.offered',
  'waitlist.left',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only record of who changed what; written in the same transaction as the change. */
@Entity('audit_entries')
@Index(['at', 'id'])
// `GET /api/audit/` filters by actor or action, newest first.
@Index('audit_entries_actor_at_idx', ['actorId', 'at'])
@Index('audit_entries_action_at_idx', ['action', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  action: AuditAction;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  bookingId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  holdId: string | null;

  @Column({ type: 'uuid', nullable: true })
  waitlistEntryId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  requestId: string | null;
}

/**
 * The one audit insert, as SQL: `rows` selects (action, actor_id, booking_id, event_id,
 * request_id, hold_id, waitlist_entry_id). A statement that records entries along with the change
 * they describe embeds it, so the entry commits or rolls back with the change.
 */
export function insertAuditEntriesSql(rows: string): string {
  return `INSERT INTO audit_entries (action, actor_id, booking_id, event_id, request_id, hold_id, waitlist_entry_id) ${rows}`;
}
