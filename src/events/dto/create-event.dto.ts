import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const MAX_CAPACITY = 1_000_000;
export const MIN_HOLD_SECONDS = 60;
export const MAX_HOLD_SECONDS = 86_400;
const MONEY = /^\d{1,8}(\.\d{1,2})?$/;

/**
 * Money travels as a string with two decimals. A JSON number with at most two decimals prints
 * exactly, so 50 and 49.9 are taken as "50.00" and "49.90" without float arithmetic.
 */
const moneyAsString = ({ value }: { value: unknown }) => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !MONEY.test(text)) return text;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
};

export class CreateEventDto {
  @ApiProperty({ example: 'Jazz in the Park' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'An evening of live jazz.', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 'Central Park Bandshell' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  venue: string;

  @ApiProperty({ format: 'date-time', example: '2030-06-01T19:00:00.000Z', description: 'ISO 8601 with a time zone.' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'starts_at must include a time and a time zone' })
  starts_at: string;

  @ApiProperty({ type: 'integer', example: 500, minimum: 1, maximum: MAX_CAPACITY })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity: number;

  @ApiProperty({ example: '25.00', pattern: MONEY.source, description: 'Decimal string, at most two places, >= 0.' })
  @Transform(moneyAsString)
  @IsString()
  @Matches(MONEY, { message: 'price must be a non-negative amount with at most two decimal places' })
  price: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 10,
    nullable: true,
    minimum: 1,
    maximum: MAX_CAPACITY,
    description: 'null: no limit per booking.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  // No booking can be larger than the largest event; and the column is a PostgreSQL integer.
  @Max(MAX_CAPACITY)
  max_tickets_per_booking?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    example: 600,
    minimum: MIN_HOLD_SECONDS,
    maximum: MAX_HOLD_SECONDS,
    description: 'How long a hold on this event lasts. Default: the server’s HOLD_SECONDS (600).',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_HOLD_SECONDS)
  @Max(MAX_HOLD_SECONDS)
  hold_seconds?: number;
}
