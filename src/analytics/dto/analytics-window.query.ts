import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

// A date, or a date and time with its zone: a time without a zone would mean the server's clock.
const DATE_OR_ZONED_TIME = /^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:?\d{2}))?$/;

const WindowEdge = (name: 'from' | 'to') =>
  applyDecorators(
    IsOptional(),
    IsISO8601({ strict: true }, { message: `${name} must be an ISO 8601 date or date-time` }),
    Matches(DATE_OR_ZONED_TIME, { message: `${name} must be a date, or a date and time with a time zone` }),
  );

/** `from` (inclusive) and `to` (exclusive); default: the 30 days up to now; at most 366 days (else 400). */
export class AnalyticsWindowQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Start, inclusive. Default: 30 days before `to`.' })
  @WindowEdge('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'End, exclusive. Default: now. At most 366 days after `from`.' })
  @WindowEdge('to')
  to?: string;
}

export class PeakTimesQuery extends AnalyticsWindowQuery {
  @ApiPropertyOptional({ enum: ['hour', 'day'], default: 'hour' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  bucket?: 'hour' | 'day';
}
