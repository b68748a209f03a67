import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

import { MAX_CAPACITY } from '../../events/dto/create-event.dto';

export class CreateBookingDto {
  @ApiPropertyOptional({
    example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11',
    description: 'Defaults to the caller; only staff may book for someone else.',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiProperty({ example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  @IsUUID()
  event_id: string;

  @ApiProperty({ example: 2, minimum: 1, description: 'At most the event’s max_tickets_per_booking when it sets one.' })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  number_of_tickets: number;
}
