import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

export type BookingStatus = 'confirmed' | 'cancelled';

@Entity('bookings')
@Check('bookings_tickets_positive', 'number_of_tickets >= 1')
@Check('bookings_status_known', "status IN ('confirmed', 'cancelled')")
// History pages walk (user, newest first, id as tie-break); staff lists and stats go by event or time.
@Index(['userId', 'createdAt', 'id'])
@Index(['eventId', 'status'])
@Index(['createdAt', 'id'])
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'integer' })
  numberOfTickets: number;

  @Column({ type: 'varchar', length: 16 })
  status: BookingStatus;

  @Column({ type: 'numeric', precision: 16, scale: 2 })
  totalAmount: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}

/** A bookings row as PostgreSQL sends it to a raw query. */
export interface BookingRow {
  id: string;
  user_id: string;
  event_id: string;
  number_of_tickets: number;
  status: BookingStatus;
  total_amount: string;
  created_at: Date;
  cancelled_at: Date | null;
}

export function bookingFromRow(row: BookingRow): BookingEntity {
  return Object.assign(new BookingEntity(), {
    id: row.id,
    userId: row.user_id,
    eventId: row.event_id,
    numberOfTickets: row.number_of_tickets,
    status: row.status,
    totalAmount: row.total_amount,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  });
}
