import { ApiProperty } from '@nestjs/swagger';

import { AUDIT_ACTIONS, AuditAction, AuditEntryEntity } from '../../schema/audit-entry.entity';

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid', example: 'c7d1e2f3-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })
  id: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, example: 'booking.cancelled' })
  action: AuditAction;

  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11', nullable: true, type: String })
  actor_id: string | null;

  @ApiProperty({ format: 'uuid', example: '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b', nullable: true, type: String })
  booking_id: string | null;

  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c', nullable: true, type: String })
  event_id: string | null;

  @ApiProperty({
    format: 'uuid',
    example: '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f',
    nullable: true,
    type: String,
    description: 'The hold, for `hold.*` and offers.',
  })
  hold_id: string | null;

  @ApiProperty({
    format: 'uuid',
    example: '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b',
    nullable: true,
    type: String,
    description: 'The waiting-list entry, for `waitlist.*`.',
  })
  waitlist_entry_id: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:30:00.000Z' })
  at: string;

  // Not always a UUID: a caller's own sane X-Request-Id is kept (common/http/request-id.ts).
  @ApiProperty({
    example: '5d0c1e9a-6b7f-4a2e-9c3d-1f2e3a4b5c6d',
    nullable: true,
    type: String,
    description: 'The `X-Request-Id` of the change.',
  })
  request_id: string | null;
}

export function toAuditEntryResponse(entry: AuditEntryEntity): AuditEntryResponse {
  return {
    id: entry.id,
    action: entry.action,
    actor_id: entry.actorId,
    booking_id: entry.bookingId,
    event_id: entry.eventId,
    hold_id: entry.holdId,
    waitlist_entry_id: entry.waitlistEntryId,
    at: entry.at.toISOString(),
    request_id: entry.requestId,
  };
}
