import { EventNotOpenError, InsufficientTicketsError, TooManyTicketsPerBookingError } from '../common/errors/domain-errors';
import { allocateSeats, SaleTerms, SeatDecision } from './seat-allocation';

const now = new Date('2030-01-01T12:00:00Z');
const open: SaleTerms = { status: 'scheduled', startsAt: new Date('2030-02-01T00:00:00Z'), maxTicketsPerBooking: null };

/** A decision as the table spells it: 'fits', or the refusal's class and fields. */
function spelled(decision: SeatDecision): unknown {
  switch (decision.kind) {
    case 'fits':
      return 'fits';
    case 'holds-already':
      return ['holds already', decision.userId];
    case 'refused':
      return [decision.refusal.constructor.name, decision.refusal.extras.fields ?? decision.refusal.extras.details];
  }
}

const insufficient = (available: number, requested: number) => [
  InsufficientTicketsError.name,
  { available_tickets: available, requested_tickets: requested },
];
const notOpen = [EventNotOpenError.name, undefined];
const overMax = (max: number) => [
  TooManyTicketsPerBookingError.name,
  { number_of_tickets: [`number_of_tickets must not be greater than ${max} for this event`] },
];

describe('allocateSeats', () => {
  it.each([
    ['one booking that fits exactly', open, 5, [5], ['fits'], 0],
    ['one booking one seat short', open, 4, [5], [insufficient(4, 5)], 4],
    ['nothing wanted', open, 3, [], [], 3],
    ['a sold-out event refuses every booking', open, 0, [1, 1], [insufficient(0, 1), insufficient(0, 1)], 0],
    ['arrival order: each booking sees the seats left by those before it', open, 5, [2, 2, 2], ['fits', 'fits', insufficient(1, 2)], 1],
    ['a refusal takes nothing, so a smaller booking behind it still fits', open, 3, [4, 3], [insufficient(3, 4), 'fits'], 0],
    ['a cancelled event refuses whatever the seats', { ...open, status: 'cancelled' }, 10, [1], [notOpen], 10],
    ['an event that has started refuses', { ...open, startsAt: now }, 10, [1], [notOpen], 10],
    [
      'over the per-booking maximum is refused before the seats are counted',
      { ...open, maxTicketsPerBooking: 2 },
      1,
      [3, 2, 1],
      [overMax(2), insufficient(1, 2), 'fits'],
      0,
    ],
  ] as const)('%s', (_case, event, seatsLeft, wanted, decisions, left) => {
    const allocation = allocateSeats(
      event,
      seatsLeft,
      wanted.map((tickets) => ({ tickets })),
      new Set(),
      now,
    );
    expect(allocation.decisions.map(spelled)).toEqual(decisions);
    expect(allocation.seatsLeft).toBe(left);
    expect(allocation.short).toBe(decisions.some((decision) => decision[0] === InsufficientTicketsError.name));
  });

  it('refuses a hold of a user who holds seats already, taking none, so the asks behind it still fit', () => {
    const asks = [{ tickets: 5, holder: 'hoarder' }, { tickets: 5, holder: 'hoarder' }, { tickets: 1, holder: 'buyer' }, { tickets: 4 }];
    const allocation = allocateSeats(open, 5, asks, new Set(['hoarder']), now);
    expect(allocation.decisions.map(spelled)).toEqual([['holds already', 'hoarder'], ['holds already', 'hoarder'], 'fits', 'fits']);
    expect(allocation).toMatchObject({ seatsLeft: 0, short: false });
  });

  it('makes a user’s first hold among the asks the one they hold: later ones hold already', () => {
    const asks = [{ tickets: 2, holder: 'buyer' }, { tickets: 2, holder: 'buyer' }, { tickets: 3 }];
    const allocation = allocateSeats(open, 5, asks, new Set(), now);
    expect(allocation.decisions.map(spelled)).toEqual(['fits', ['holds already', 'buyer'], 'fits']);
    expect(allocation.seatsLeft).toBe(0);
  });

  it('lets a user whose hold was refused for want of seats hold with a later, smaller ask', () => {
    const asks = [
      { tickets: 4, holder: 'buyer' },
      { tickets: 2, holder: 'buyer' },
    ];
    const allocation = allocateSeats(open, 3, asks, new Set(), now);
    expect(allocation.decisions.map(spelled)).toEqual([insufficient(3, 4), 'fits']);
    expect(allocation).toMatchObject({ seatsLeft: 1, short: true });
  });
});
