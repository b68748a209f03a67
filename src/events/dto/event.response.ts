import { ApiProperty } from '@nestjs/swagger';

import { EventEntity, EventStatus } from '../../schema/event.entity';

export class EventResponse {
  @ApiProperty({ example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ example: 'Jazz in the Park' })
  name: string;

  @ApiProperty({ example: 'An evening of live jazz.' })
  description: string;

  @ApiProperty({ example: 'Central Park Bandshell' })
  venue: string;

  @ApiProperty({ example: '2030-06-01T19:00:00.000Z' })
  starts_at: string;

  @ApiProperty({ example: 500 })
  capacity: number;

  @ApiProperty({ example: 480 })
  available_tickets: number;

  @ApiProperty({ example: '25.00' })
  price: string;

  @ApiProperty({ example: 10, nullable: true, type: Number })
  max_tickets_per_booking: number | null;

  @ApiProperty({ example: 600, description: 'How long a hold on this event lasts.' })
  hold_seconds: number;

  @ApiProperty({ enum: ['scheduled', 'cancelled'], example: 'scheduled' })
  status: EventStatus;
}

export class AvailabilityResponse {
  @ApiProperty({ example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ example: 480 })
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
