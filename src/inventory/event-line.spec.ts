import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { EventLine, LineLimits, SharedTurnWork } from './event-line';

/** A unit of work that runs until the test lets it finish. */
function heldWork(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const work = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
    return name;
  };
  return { work, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Doubles each request's number and refuses odd ones; records each shared turn it was given. */
function doubling(turns: number[][]): SharedTurnWork<number, number> {
  return async (_eventId, requests) => {
    turns.push(requests);
    return requests.map((request) =>
      request % 2 ? { status: 'rejected', reason: new Error(`odd ${request}`) } : { status: 'fulfilled', value: request * 2 },
    );
  };
}

function lineOf(limits: Partial<LineLimits>, sharedWork: SharedTurnWork<number, number> = doubling([])): EventLine<number, number> {
  return new EventLine({ concurrency: 1, maxWaiting: 10, maxShared: 10, ...limits }, sharedWork);
}

describe('EventLine', () => {
  it('runs at most `concurrency` works of one event at once, the rest in arrival order', async () => {
    const line = lineOf({ concurrency: 2 });
    const log: string[] = [];
    const works = ['a', 'b', 'c', 'd'].map((name) => heldWork(log, name));
    const results = works.map(({ work }) => line.alone('event-1', work));
    await settle();
    expect(log).toEqual(['start a', 'start b']);

    works[1].finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);

    works[0].finish();
    works[2].finish();
    works[3].finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('keeps events apart: a busy event does not hold up another', async () => {
    const line = lineOf({});
    const log: string[] = [];
    const busy = heldWork(log, 'busy');
    const other = heldWork(log, 'other');
    const first = line.alone('event-1', busy.work);
    const second = line.alone('event-2', other.work);
    await settle();
    expect(log).toEqual(['start busy', 'start other']);
    busy.finish();
    other.finish();
    await Promise.all([first, second]);
  });

  it('refuses at once with a retryable error when too many are waiting, and frees the slot after a failure', async () => {
    const line = lineOf({ maxWaiting: 1 });
    const log: string[] = [];
    const running = heldWork(log, 'running');
    const queued = heldWork(log, 'queued');
    const first = line.alone('event-1', running.work);
    const second = line.alone('event-1', queued.work);

    await expect(line.alone('event-1', async () => 'too many')).rejects.toBeInstanceOf(ServiceUnavailableError);

    running.finish();
    queued.finish();
    await Promise.all([first, second]);
    await expect(line.alone('event-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await line.alone('event-1', async () => 'free again')).toBe('free again');
  });

  describe('shared turns', () => {
    it('runs requests that wait for the same turn as one shared turn, answering each on its own', async () => {
      const turns: number[][] = [];
      const line = lineOf({}, doubling(turns));
      const running = heldWork([], 'running');
      const first = line.alone('event-1', running.work);
      const answers = [2, 3, 4].map((request) => line.share('event-1', request));

      running.finish();
      await first;
      expect(await Promise.allSettled(answers)).toEqual([
        { status: 'fulfilled', value: 4 },
        { status: 'rejected', reason: new Error('odd 3') },
        { status: 'fulfilled', value: 8 },
      ]);
      expect(turns).toEqual([[2, 3, 4]]);
    });

    it('starts a request at once when the line is free, and closes a shared turn at maxShared', async () => {
      const turns: number[][] = [];
      const line = lineOf({ maxShared: 2 }, doubling(turns));

      const answers = [2, 4, 6, 8, 10].map((request) => line.share('event-1', request));

      expect(await Promise.all(answers)).toEqual([4, 8, 12, 16, 20]);
      expect(turns).toEqual([[2], [4, 6], [8, 10]]);
    });

    it('never puts a turn of its own in a shared turn, nor a request behind one into the shared turn before it', async () => {
      const turns: number[][] = [];
      const line = lineOf({}, doubling(turns));
      const log: string[] = [];
      const running = heldWork(log, 'running');
      const cancel = heldWork(log, 'cancel');
      const first = line.alone('event-1', running.work);
      const before = line.share('event-1', 2);
      const alone = line.alone('event-1', cancel.work);
      const after = line.share('event-1', 4);

      running.finish();
      cancel.finish();
      await Promise.all([first, before, alone, after]);
      expect(turns).toEqual([[2], [4]]);
      expect(log).toEqual(['start running', 'end running', 'start cancel', 'end cancel']);
    });

    it('fails every request of a shared turn whose work fails, and counts waiting requests against maxWaiting', async () => {
      let fail = true;
      const line = lineOf({ maxWaiting: 2 }, async (eventId, requests) => {
        if (fail) throw new Error('connection lost');
        return requests.map((request) => ({ status: 'fulfilled', value: request }));
      });
      const running = heldWork([], 'running');
      const first = line.alone('event-1', running.work);
      const shared = [1, 2].map((request) => line.share('event-1', request));

      await expect(line.share('event-1', 3)).rejects.toBeInstanceOf(ServiceUnavailableError);

      running.finish();
      await first;
      for (const answer of shared) await expect(answer).rejects.toThrow('connection lost');
      fail = false;
      expect(await line.share('event-1', 4)).toBe(4);
    });
  });
});
