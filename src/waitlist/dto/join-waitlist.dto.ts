import { OmitType } from '@nestjs/swagger';

import { CreateBookingDto } from '../../bookings/dto/create-booking.dto';

/** Contract 6: what a booking asks for, the event being in the path. */
export class JoinWaitlistDto extends OmitType(CreateBookingDto, ['event_id'] as const) {}
