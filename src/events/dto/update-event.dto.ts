import { PartialType } from '@nestjs/swagger';

import { CreateEventDto } from './create-event.dto';

/**
 * Any subset of the creation fields; `status` changes only through `POST /api/events/{id}/cancel/`.
 * Nulls are validated like values, so `"name": null` is a 400, while a nullable field
 * (`max_tickets_per_booking`) may be cleared with null.
 */
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}
