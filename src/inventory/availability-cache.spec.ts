import { AvailabilityCache } from './availability-cache';

describe('AvailabilityCache', () => {
  const loader = (...answers: (number | null)[]) => jest.fn(async () => answers.shift() ?? null);

  it('reads every time when the TTL is 0 (the default)', async () => {
    const cache = new AvailabilityCache(0);
    const load = loader(10, 9);
    expect(await cache.read('e', load)).toBe(10);
    cache.lower('e', 1);
    expect(await cache.read('e', load)).toBe(9);
  });

  it('keeps a figure within the TTL and only ever lowers it', async () => {
    const cache = new AvailabilityCache(60_000);
    const load = loader(10, 99);
    expect(await cache.read('e', load)).toBe(10);
    cache.lower('e', 12);
    expect(await cache.read('e', load)).toBe(10);
    cache.lower('e', 7);
    expect(await cache.read('e', load)).toBe(7);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads again after forget, and does not remember an unknown event', async () => {
    const cache = new AvailabilityCache(60_000);
    const load = loader(10, 12, null, 3);
    await cache.read('e', load);
    cache.forget('e');
    expect(await cache.read('e', load)).toBe(12);
    expect(await cache.read('unknown', load)).toBeNull();
    expect(await cache.read('unknown', load)).toBe(3);
  });
});
