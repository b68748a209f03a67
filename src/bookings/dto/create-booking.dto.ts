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

/**
 * The body examples of a booking, a hold or a join (`where`: without the event, in the path then).
 * What a buyer sends comes first, because Swagger UI's "Try it out" starts from the first: with
 * the staff-only `user_id` in it, a buyer would get 403.
 */
export const bookingBodyExamples = (verb: 'books' | 'holds' | 'joins', where: { event_id?: string } = { event_id: EXAMPLE_EVENT_ID }) => ({
  buyer: { summary: `A buyer ${verb} for themselves`, value: { ...where, number_of_tickets: 2 } },
  staff: { summary: `Staff ${verb} for a user`, value: { user_id: EXAMPLE_USER_ID, ...where, number_of_tickets: 2 } },
});
