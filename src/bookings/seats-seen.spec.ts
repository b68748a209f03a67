import { SeatsSeen } from './seats-seen';

describe('SeatsSeen', () => {
  it('knows nothing of an event it has not read', () => {
    expect(new SeatsSeen().plentyFor('event-1', 1, 0)).toBe(false);
  });

  it('covers a request only if every request ahead could take as many tickets and leave enough', () => {
    const seen = new SeatsSeen();
    seen.record('event-1', 10);
    expect(seen.plentyFor('event-1', 2, 4)).toBe(true);
    expect(seen.plentyFor('event-1', 2, 5)).toBe(false);
    expect(seen.plentyFor('event-1', 11, 0)).toBe(false);
    expect(seen.plentyFor('event-2', 1, 0)).toBe(false);
  });

  it('keeps only the latest figure', () => {
    const seen = new SeatsSeen();
    seen.record('event-1', 100);
    seen.record('event-1', 0);
    expect(seen.plentyFor('event-1', 1, 0)).toBe(false);
  });

  it('forgets a figure after a second', async () => {
    const seen = new SeatsSeen();
    seen.record('event-1', 100);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(seen.plentyFor('event-1', 1, 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.plentyFor('event-1', 1, 0)).toBe(false);
  });
});
