import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

import { MAX_CAPACITY } from '../../events/dto/create-event.dto';

const EXAMPLE_EVENT_ID = '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c';
const EXAMPLE_USER_ID = '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11';

export class CreateBookingDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EXAMPLE_USER_ID,
    description: 'Staff only: book for this user. Defaults to the caller; anyone else giving another user’s id gets 403.',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_EVENT_ID })
  @IsUUID()
  event_id: string;

  @ApiProperty({
    type: 'integer',
    example: 2,
    minimum: 1,
    maximum: MAX_CAPACITY,
    description: 'At most the event’s max_tickets_per_booking when it sets one.',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  number_of_tickets: number;
}
