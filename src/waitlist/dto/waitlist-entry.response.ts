import { ApiProperty } from '@nestjs/swagger';

import { WAITLIST_STATUSES, WaitlistStatus } from '../../schema/waitlist-entry.entity';
import { WaitlistEntryView } from '../waitlist.repository';

export class OfferedHold {
  @ApiProperty({ format: 'uuid', example: '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f' })
  hold_id: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:40:00.000Z' })
  expires_at: string;
}

export class WaitlistEntryResponse {
  @ApiProperty({ format: 'uuid', example: '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b' })
  entry_id: string;

  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;

  @ApiProperty({ type: 'integer', example: 2 })
  number_of_tickets: number;

  @ApiProperty({ enum: WAITLIST_STATUSES, example: 'waiting' })
  status: WaitlistStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 3,
    nullable: true,
    description: '1-based among the event’s waiting entries; null when not waiting.',
  })
  position: number | null;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  joined_at: string;

  @ApiProperty({ type: OfferedHold, nullable: true, example: null, description: 'The hold offered to this entry, once offered.' })
  hold: OfferedHold | null;
}

export class LeaveWaitlistResponse {
  @ApiProperty({ format: 'uuid', example: '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b' })
  entry_id: string;

  @ApiProperty({ enum: ['left'], example: 'left' })
  status: 'left';
}

export function toWaitlistEntryResponse(entry: WaitlistEntryView): WaitlistEntryResponse {
  return {
    entry_id: entry.id,
    event_id: entry.eventId,
    user_id: entry.userId,
    number_of_tickets: entry.numberOfTickets,
    status: entry.status,
    position: entry.position,
    joined_at: entry.joinedAt.toISOString(),
    hold: entry.hold && { hold_id: entry.hold.id, expires_at: entry.hold.expiresAt.toISOString() },
  };
}
