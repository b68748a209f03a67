import { HoldStatus } from '../schema/hold.entity';
import { LockedHold } from './held-seats.repository';
import { ConfirmDecision, decideConfirmations } from './hold-confirmation';
import { HoldConfirmation } from './seat-requests';

const owner = { id: 'owner', isStaff: false };
const stranger = { id: 'stranger', isStaff: false };
const staff = { id: 'staff', isStaff: true };

function lockedHold(id: string, status: HoldStatus = 'active', overdue = false): LockedHold {
  return { id, userId: owner.id, status, overdue, bookingId: status === 'confirmed' ? 'booking-1' : null } as LockedHold;
}
const confirmation = (holdId: string, caller = owner): HoldConfirmation => ({ holdId, caller, requestId: null });

/** A decision as the table spells it: its kind, with the refusal's message and fields. */
function spelled(decision: ConfirmDecision): unknown {
  return decision.kind === 'refused' ? [decision.refusal.message, decision.refusal.extras.fields] : decision.kind;
}

describe('decideConfirmations', () => {
  it.each([
    ['an active hold is booked', [lockedHold('a')], ['a'], ['active']],
    ['a hold past its expires_at ends as expired', [lockedHold('a', 'active', true)], ['a'], ['overdue']],
    ['a hold not locked by the transaction (unknown, or another event’s) is not found', [], ['a'], [['Hold not found', undefined]]],
    ['a swept hold is 410', [lockedHold('a', 'expired')], ['a'], [['Hold has expired', undefined]]],
    [
      'a confirmed hold is 409 with its booking',
      [lockedHold('a', 'confirmed')],
      ['a'],
      [['Hold is not active', { status: 'confirmed', booking_id: 'booking-1' }]],
    ],
    ['a second confirmation of a hold booked in the same batch is told so', [lockedHold('a')], ['a', 'a'], ['active', 'booked-before']],
    [
      'a second confirmation of an overdue hold is 410, and the hold ends once',
      [lockedHold('a', 'active', true)],
      ['a', 'a'],
      ['overdue', ['Hold has expired', undefined]],
    ],
  ])('%s', (_, locked, asked, expected) => {
    expect(
      decideConfirmations(
        asked.map((id) => confirmation(id)),
        locked,
      ).map(spelled),
    ).toEqual(expected);
  });

  it('hides another user’s hold from the caller and lets staff confirm it', () => {
    const decisions = decideConfirmations([confirmation('a', stranger), confirmation('a', staff)], [lockedHold('a')]);
    expect(decisions.map(spelled)).toEqual([['Hold not found', undefined], 'active']);
  });
});
