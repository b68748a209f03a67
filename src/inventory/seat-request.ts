import { NewBooking } from '../bookings/bookings.repository';
import { NewHold } from '../holds/holds.repository';
import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { HoldConfirmation } from './hold-confirmation';

/**
 * A request of a shared turn: a booking or a hold (contract 5), which want seats and are decided
 * together in arrival order, or the confirmation of a hold, whose seats are taken already.
 */
export type SeatRequest =
  { kind: 'booking'; booking: NewBooking } | { kind: 'hold'; hold: NewHold } | { kind: 'confirm'; confirmation: HoldConfirmation };

/** What a request of a shared turn got. */
export type SeatsTaken =
  | { kind: 'booking'; booking: BookingEntity }
  | { kind: 'hold'; hold: HoldEntity }
  | { kind: 'confirm'; booking: BookingEntity; source: HoldSource };

/** A request that wants seats. */
export type SeatWant = Exclude<SeatRequest, { kind: 'confirm' }>;

/** Each request of a turn is answered on its own: what it got, or why it was refused. */
export type TurnAnswer = PromiseSettledResult<SeatsTaken>;
