import { OmitType } from '@nestjs/swagger';

import { bookingBodyExamples, CreateBookingDto } from '../../bookings/dto/create-booking.dto';

/** Contract 6: what a booking asks for, the event being in the path. */
export class JoinWaitlistDto extends OmitType(CreateBookingDto, ['event_id'] as const) {}

export const JOIN_WAITLIST_EXAMPLES = bookingBodyExamples('joins', {});
