import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EventStatus = 'scheduled' | 'cancelled';

@Entity('events')
@Check('events_capacity_positive', 'capacity >= 1')
// The seat count the booking path decrements can never leave [0, capacity], whatever the code does.
@Check('events_available_within_capacity', 'available_tickets >= 0 AND available_tickets <= capacity')
@Check('events_price_not_negative', 'price >= 0')
@Check('events_max_tickets_positive', 'max_tickets_per_booking IS NULL OR max_tickets_per_booking >= 1')
@Check('events_status_known', "status IN ('scheduled', 'cancelled')")
@Check('events_hold_seconds_range', 'hold_seconds BETWEEN 60 AND 86400')
@Index(['startsAt', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 200 })
  venue: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer' })
  availableTickets: number;

  /** numeric(10,2) arrives from pg as a string; it stays one so money is never a float. */
  @Column({ type: 'numeric', precision: 10, scale: 2 })
  price: string;

  @Column({ type: 'integer', nullable: true })
  maxTicketsPerBooking: number | null;

  /** How long a hold on this event lasts (contract 5). */
  @Column({ type: 'integer', default: 600 })
  holdSeconds: number;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status: EventStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
