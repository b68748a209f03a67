import { ApiProperty } from '@nestjs/swagger';

import { EventStatsRow, PeakBucketRow, SummaryRow, TimeWindow } from '../analytics.repository';

class WindowResponse {
  @ApiProperty({ format: 'date-time', example: '2026-10-26T12:00:00.000Z' })
  from: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T12:00:00.000Z' })
  to: string;
}

export class SummaryResponse extends WindowResponse {
  @ApiProperty({ type: 'integer', example: 120, description: 'Bookings made in the window that are still confirmed.' })
  bookings_confirmed: number;

  @ApiProperty({ type: 'integer', example: 8, description: 'Bookings made in the window that have since been cancelled.' })
  bookings_cancelled: number;

  @ApiProperty({
    type: 'integer',
    example: 30,
    description: 'Booking requests refused in the window (any reason: sold out, closed, invalid...).',
  })
  bookings_rejected: number;

  @ApiProperty({
    example: 0.8101,
    nullable: true,
    type: Number,
    description: 'Bookings made / booking requests; null when there were none.',
  })
  success_rate: number | null;

  @ApiProperty({ type: 'integer', example: 260, description: 'Tickets of the still-confirmed bookings made in the window.' })
  tickets_sold: number;

  @ApiProperty({ example: '6500.00', description: 'Total of the still-confirmed bookings made in the window.' })
  revenue: string;

  @ApiProperty({ example: 0.4213, description: 'Now, over all scheduled events: tickets sold / capacity.' })
  utilisation: number;

  @ApiProperty({ type: 'integer', example: 40, description: 'Holds made in the window (direct and waiting-list offers).' })
  holds_created: number;

  @ApiProperty({ type: 'integer', example: 31, description: 'Holds made in the window that became bookings.' })
  holds_confirmed: number;

  @ApiProperty({ type: 'integer', example: 6, description: 'Holds made in the window that ran out.' })
  holds_expired: number;

  @ApiProperty({
    example: 0.775,
    nullable: true,
    type: Number,
    description: 'holds_confirmed / holds_created; null when no hold was made.',
  })
  hold_conversion_rate: number | null;
}

export class PeakBucket {
  @ApiProperty({ format: 'date-time', example: '2026-11-25T18:00:00.000Z', description: 'Start of the hour or day (UTC).' })
  start: string;

  @ApiProperty({ type: 'integer', example: 14, description: 'Bookings made in the bucket, later cancellations included.' })
  bookings: number;

  @ApiProperty({ type: 'integer', example: 31 })
  tickets: number;
}

export class PeakTimesResponse extends WindowResponse {
  @ApiProperty({ enum: ['hour', 'day'], example: 'hour' })
  bucket: 'hour' | 'day';

  @ApiProperty({ type: [PeakBucket], description: 'Buckets with at least one booking, oldest first.' })
  buckets: PeakBucket[];
}

export class EventStatsResponse {
  @ApiProperty({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  event_id: string;

  @ApiProperty({ type: 'integer', example: 500 })
  capacity: number;

  @ApiProperty({ type: 'integer', example: 420 })
  tickets_sold: number;

  @ApiProperty({ type: 'integer', example: 80 })
  available_tickets: number;

  @ApiProperty({ example: 0.84 })
  utilisation: number;

  @ApiProperty({ type: 'integer', example: 150 })
  bookings_confirmed: number;

  @ApiProperty({ type: 'integer', example: 12 })
  bookings_cancelled: number;

  @ApiProperty({ example: '10500.00' })
  revenue: string;

  @ApiProperty({ type: 'integer', example: 6, description: 'Seats in active holds: neither sold nor available.' })
  tickets_held: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Waiting-list entries still waiting.' })
  waitlist_waiting: number;
}

function toWindowResponse(window: TimeWindow): WindowResponse {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}

export function toSummaryResponse(window: TimeWindow, row: SummaryRow): SummaryResponse {
  return { ...toWindowResponse(window), ...row };
}

export function toPeakTimesResponse(window: TimeWindow, bucket: 'hour' | 'day', rows: PeakBucketRow[]): PeakTimesResponse {
  return {
    ...toWindowResponse(window),
    bucket,
    buckets: rows.map((row) => ({ start: row.start.toISOString(), bookings: row.bookings, tickets: row.tickets })),
  };
}

export function toEventStatsResponse(row: EventStatsRow): EventStatsResponse {
  return { ...row };
}
