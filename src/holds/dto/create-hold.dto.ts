import { CreateBookingDto } from '../../bookings/dto/create-booking.dto';

/** Contract 5: the same fields and rules as a booking. */
export class CreateHoldDto extends CreateBookingDto {}
