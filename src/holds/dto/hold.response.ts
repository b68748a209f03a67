import { ApiProperty } from '@nestjs/swagger';

import { HOLD_STATUSES, HoldEntity, HoldSource, HoldStatus } from '../../schema/hold.entity';

export class HoldResponse {
  @ApiProperty({ format: 'uuid', example: '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f' })
  hold_id: string;

  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;

  @ApiProperty({ type: 'integer', example: 2 })
  number_of_tickets: number;

  @ApiProperty({ enum: HOLD_STATUSES, example: 'active' })
  status: HoldStatus;

  @ApiProperty({ enum: ['direct', 'waitlist'], example: 'direct', description: '`waitlist` when offered to a waiting-list entry.' })
  source: HoldSource;

  @ApiProperty({
    format: 'date-time',
    example: '2024-01-15T10:40:00.000Z',
    description: 'Creation + the event’s hold_seconds; there is no extension.',
  })
  expires_at: string;

  @ApiProperty({ example: '50.00', description: 'Quoted at creation; confirming books at this total.' })
  total_amount: string;

  @ApiProperty({ format: 'uuid', example: null, nullable: true, type: String, description: 'The booking, once confirmed.' })
  booking_id: string | null;
}

export class HoldReleaseResponse {
  @ApiProperty({ format: 'uuid', example: '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f' })
  hold_id: string;

  @ApiProperty({ enum: ['released'], example: 'released' })
  status: 'released';
}

export function toHoldResponse(hold: HoldEntity): HoldResponse {
  return {
    hold_id: hold.id,
    event_id: hold.eventId,
    user_id: hold.userId,
    number_of_tickets: hold.numberOfTickets,
    status: hold.status,
    source: hold.source,
    expires_at: hold.expiresAt.toISOString(),
    total_amount: hold.totalAmount,
    booking_id: hold.bookingId,
  };
}
