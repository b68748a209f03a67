import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { BatchWork, EventGate } from './event-gate';

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

describe('EventGate', () => {
  it('runs at most `concurrency` works of one event at once, the rest in arrival order', async () => {
    const gate = new EventGate(2, 10, 10);
    const log: string[] = [];
    const works = ['a', 'b', 'c', 'd'].map((name) => heldWork(log, name));
    const results = works.map(({ work }) => gate.run('event-1', work));
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
    const gate = new EventGate(1, 10, 10);
    const log: string[] = [];
    const busy = heldWork(log, 'busy');
    const other = heldWork(log, 'other');
    const first = gate.run('event-1', busy.work);
    const second = gate.run('event-2', other.work);
    await settle();
    expect(log).toEqual(['start busy', 'start other']);
    busy.finish();
    other.finish();
    await Promise.all([first, second]);
  });

  it('refuses at once with a retryable error when too many are waiting, and frees the slot after a failure', async () => {
    const gate = new EventGate(1, 1, 10);
    const log: string[] = [];
    const running = heldWork(log, 'running');
    const queued = heldWork(log, 'queued');
    const first = gate.run('event-1', running.work);
    const second = gate.run('event-1', queued.work);

    await expect(gate.run('event-1', async () => 'too many')).rejects.toBeInstanceOf(ServiceUnavailableError);

    running.finish();
    queued.finish();
    await Promise.all([first, second]);
    await expect(gate.run('event-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('event-1', async () => 'free again')).toBe('free again');
  });

  describe('batches', () => {
    /** Doubles each request's number and refuses odd ones; records each batch it was given. */
    function doubling(batches: number[][]): BatchWork<number, number> {
      return async (_eventId, requests) => {
        batches.push(requests);
        return requests.map((request) =>
          request % 2 ? { status: 'rejected', reason: new Error(`odd ${request}`) } : { status: 'fulfilled', value: request * 2 },
        );
      };
    }

    it('runs requests that wait for the same turn as one batch, answering each on its own', async () => {
      const gate = new EventGate(1, 10, 10);
      const log: string[] = [];
      const running = heldWork(log, 'running');
      const batches: number[][] = [];
      const work = doubling(batches);
      const first = gate.run('event-1', running.work);
      const answers = [2, 3, 4].map((request) => gate.runTogether('event-1', request, work));

      running.finish();
      await first;
      expect(await Promise.allSettled(answers)).toEqual([
        { status: 'fulfilled', value: 4 },
        { status: 'rejected', reason: new Error('odd 3') },
        { status: 'fulfilled', value: 8 },
      ]);
      expect(batches).toEqual([[2, 3, 4]]);
    });

    it('starts a request at once when the line is free, and closes a batch at maxBatch', async () => {
      const gate = new EventGate(1, 10, 2);
      const batches: number[][] = [];
      const work = doubling(batches);

      const answers = [2, 4, 6, 8, 10].map((request) => gate.runTogether('event-1', request, work));

      expect(await Promise.all(answers)).toEqual([4, 8, 12, 16, 20]);
      expect(batches).toEqual([[2], [4, 6], [8, 10]]);
    });

    it('never puts a lone work in a batch, nor a request behind one into the batch before it', async () => {
      const gate = new EventGate(1, 10, 10);
      const log: string[] = [];
      const running = heldWork(log, 'running');
      const cancel = heldWork(log, 'cancel');
      const batches: number[][] = [];
      const work = doubling(batches);
      const first = gate.run('event-1', running.work);
      const before = gate.runTogether('event-1', 2, work);
      const alone = gate.run('event-1', cancel.work);
      const after = gate.runTogether('event-1', 4, work);

      running.finish();
      cancel.finish();
      await Promise.all([first, before, alone, after]);
      expect(batches).toEqual([[2], [4]]);
    });

    it('fails every request of a batch whose work fails, and counts waiting requests against maxWaiting', async () => {
      const gate = new EventGate(1, 2, 10);
      const log: string[] = [];
      const running = heldWork(log, 'running');
      const failing: BatchWork<number, number> = () => Promise.reject(new Error('connection lost'));
      const first = gate.run('event-1', running.work);
      const batch = [1, 2].map((request) => gate.runTogether('event-1', request, failing));

      await expect(gate.runTogether('event-1', 3, failing)).rejects.toBeInstanceOf(ServiceUnavailableError);

      running.finish();
      await first;
      for (const answer of batch) await expect(answer).rejects.toThrow('connection lost');
      expect(await gate.runTogether('event-1', 4, async () => [{ status: 'fulfilled', value: 'free again' }])).toBe('free again');
    });
  });
});
