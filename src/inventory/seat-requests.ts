import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity, HoldSource } from '../schema/hold.entity';
import { UserEntity } from '../schema/user.entity';

/** A booking to make (contract 1), with who asked for it (for its `booking.created` audit entry). */
export interface NewBooking {
  userId: string;
  tickets: number;
  actorId: string;
  requestId: string | null;
}

/** A hold to make (contract 5), with who asked for it; an offer names the waiting-list entry it is for. */
export interface NewHold {
  userId: string;
  tickets: number;
  actorId: string | null;
  requestId: string | null;
  source: HoldSource;
  waitlistEntryId?: string;
}

/** Who asks to confirm or release a hold: the owner check and the audit entries need them. */
export type HoldCaller = Pick<UserEntity, 'id' | 'isStaff'>;

/** A request to confirm a hold into a booking (contract 5). */
export interface HoldConfirmation {
  holdId: string;
  caller: HoldCaller;
  requestId: string | null;
}

/** Who changes seats on behalf of a person, for the audit entries (null for the clock: expiry, sweeps). */
export interface ChangedBy {
  actorId: string | null;
  requestId: string | null;
}

/**
 * A request that waits in the event's queue and may be decided in a batch with others: a booking
 * or a hold, which want seats and are decided in arrival order, or the confirmation of a hold,
 * whose seats are taken already.
 */
export type SeatRequest =
  { kind: 'booking'; booking: NewBooking } | { kind: 'hold'; hold: NewHold } | { kind: 'confirm'; confirmation: HoldConfirmation };

/** What a request got. */
export type SeatsTaken =
  | { kind: 'booking'; booking: BookingEntity }
  | { kind: 'hold'; hold: HoldEntity }
  | { kind: 'confirm'; booking: BookingEntity; source: HoldSource };

/** What a request of kind K gets. */
export type SeatsTakenBy<K extends SeatRequest['kind']> = Extract<SeatsTaken, { kind: K }>;

/** A request that wants seats. */
export type SeatWant = Exclude<SeatRequest, { kind: 'confirm' }>;

/** Each request of a batch is answered on its own: what it got, or why it was refused. */
export type SeatAnswer = PromiseSettledResult<SeatsTaken>;

/** What `request` got, narrowed to its kind: the answer of a request is always of its own kind. */
export function takenBy<R extends SeatRequest>(request: R, taken: SeatsTaken): SeatsTakenBy<R['kind']> {
  if (!isTakenBy<R['kind']>(request.kind, taken)) throw new Error(`a ${request.kind} got another kind's answer`);
  return taken;
}

function isTakenBy<K extends SeatRequest['kind']>(kind: K, taken: SeatsTaken): taken is SeatsTakenBy<K> {
  return taken.kind === kind;
}
