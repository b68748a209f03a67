import { ApiProperty } from '@nestjs/swagger';

import { EventEntity, EventStatus } from '../../schema/event.entity';

export class EventResponse {
  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ example: 'Jazz in the Park' })
  name: string;

  @ApiProperty({ example: 'An evening of live jazz.' })
  description: string;

  @ApiProperty({ example: 'Central Park Bandshell' })
  venue: string;

  @ApiProperty({ format: 'date-time', example: '2030-06-01T19:00:00.000Z' })
  starts_at: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 500 })
  capacity: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 480 })
  available_tickets: number;

  @ApiProperty({ example: '25.00', description: 'Decimal string with two places.' })
  price: string;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, example: 10, description: 'null: no limit per booking.' })
  max_tickets_per_booking: number | null;

  @ApiProperty({ type: 'integer', example: 600, description: 'How long a hold on this event lasts, in seconds.' })
  hold_seconds: number;

  @ApiProperty({ enum: ['scheduled', 'cancelled'], example: 'scheduled' })
  status: EventStatus;
}

export class AvailabilityResponse {
  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 480 })
  available_tickets: number;
}

export function toEventResponse(event: EventEntity): EventResponse {
  return {
    event_id: event.id,
    name: event.name,
    description: event.description,
    venue: event.venue,
    starts_at: event.startsAt.toISOString(),
    capacity: event.capacity,
    available_tickets: event.availableTickets,
    price: event.price,
    max_tickets_per_booking: event.maxTicketsPerBooking,
    hold_seconds: event.holdSeconds,
    status: event.status,
  };
}
