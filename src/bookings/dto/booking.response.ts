import { ApiProperty } from '@nestjs/swagger';

import { BookingEntity, BookingStatus } from '../../schema/booking.entity';

export class BookingHistoryItem {
  @ApiProperty({ format: 'uuid', example: '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  booking_id: string;

  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ type: 'integer', example: 2 })
  number_of_tickets: number;

  @ApiProperty({ enum: ['confirmed', 'cancelled'], example: 'confirmed' })
  status: BookingStatus;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  timestamp: string;
}

export class BookingResponse extends BookingHistoryItem {
  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;

  @ApiProperty({ example: '50.00', description: 'Event price x tickets, exact.' })
  total_amount: string;
}

export class CancellationResponse {
  @ApiProperty({ format: 'uuid', example: '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  booking_id: string;

  @ApiProperty({ enum: ['cancelled'], example: 'cancelled' })
  status: 'cancelled';
}

export function toBookingHistoryItem(booking: BookingEntity): BookingHistoryItem {
  return {
    booking_id: booking.id,
    event_id: booking.eventId,
    number_of_tickets: booking.numberOfTickets,
    status: booking.status,
    timestamp: booking.createdAt.toISOString(),
  };
}

export function toBookingResponse(booking: BookingEntity): BookingResponse {
  return {
    booking_id: booking.id,
    event_id: booking.eventId,
    user_id: booking.userId,
    number_of_tickets: booking.numberOfTickets,
    status: booking.status,
    timestamp: booking.createdAt.toISOString(),
    total_amount: booking.totalAmount,
  };
}
