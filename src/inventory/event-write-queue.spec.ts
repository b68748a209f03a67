import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { BatchWork, EventWriteQueue, QueueLimits } from './event-write-queue';

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

/** Doubles each request's number and refuses odd ones; records each batch it was given. */
function doubling(batches: number[][]): BatchWork<number, number> {
  return async (_eventId, requests) => {
    batches.push(requests);
    return requests.map((request) =>
      request % 2 ? { status: 'rejected', reason: new Error(`odd ${request}`) } : { status: 'fulfilled', value: request * 2 },
    );
  };
}

function queueOf(limits: Partial<QueueLimits>, batchWork: BatchWork<number, number> = doubling([])): EventWriteQueue<number, number> {
  return new EventWriteQueue({ concurrency: 1, maxWaiting: 10, maxBatch: 10, ...limits }, batchWork);
}

describe('EventWriteQueue', () => {
  it('runs at most `concurrency` works of one event at once, the rest in arrival order', async () => {
    const queue = queueOf({ concurrency: 2 });
    const log: string[] = [];
    const works = ['a', 'b', 'c', 'd'].map((name) => heldWork(log, name));
    const results = works.map(({ work }) => queue.run('event-1', work));
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
    const queue = queueOf({});
    const log: string[] = [];
    const busy = heldWork(log, 'busy');
    const other = heldWork(log, 'other');
    const first = queue.run('event-1', busy.work);
    const second = queue.run('event-2', other.work);
    await settle();
    expect(log).toEqual(['start busy', 'start other']);
    busy.finish();
    other.finish();
    await Promise.all([first, second]);
  });

  it('refuses at once with a retryable error when too many are waiting, and frees the slot after a failure', async () => {
    const queue = queueOf({ maxWaiting: 1 });
    const log: string[] = [];
    const running = heldWork(log, 'running');
    const queued = heldWork(log, 'queued');
    const first = queue.run('event-1', running.work);
    const second = queue.run('event-1', queued.work);

    await expect(queue.run('event-1', async () => 'too many')).rejects.toBeInstanceOf(ServiceUnavailableError);

    running.finish();
    queued.finish();
    await Promise.all([first, second]);
    await expect(queue.run('event-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run('event-1', async () => 'free again')).toBe('free again');
  });

  describe('batches', () => {
    it('runs requests that wait for their turn as one batch, answering each on its own', async () => {
      const batches: number[][] = [];
      const queue = queueOf({}, doubling(batches));
      const running = heldWork([], 'running');
      const first = queue.run('event-1', running.work);
      const answers = [2, 3, 4].map((request) => queue.joinBatch('event-1', request));

      running.finish();
      await first;
      expect(await Promise.allSettled(answers)).toEqual([
        { status: 'fulfilled', value: 4 },
        { status: 'rejected', reason: new Error('odd 3') },
        { status: 'fulfilled', value: 8 },
      ]);
      expect(batches).toEqual([[2, 3, 4]]);
    });

    it('starts a request at once when the queue is free, and closes a batch at maxBatch', async () => {
      const batches: number[][] = [];
      const queue = queueOf({ maxBatch: 2 }, doubling(batches));

      const answers = [2, 4, 6, 8, 10].map((request) => queue.joinBatch('event-1', request));

      expect(await Promise.all(answers)).toEqual([4, 8, 12, 16, 20]);
      expect(batches).toEqual([[2], [4, 6], [8, 10]]);
    });

    it('never puts solo work in a batch, nor a request behind it into the batch before it', async () => {
      const batches: number[][] = [];
      const queue = queueOf({}, doubling(batches));
      const log: string[] = [];
      const running = heldWork(log, 'running');
      const cancel = heldWork(log, 'cancel');
      const first = queue.run('event-1', running.work);
      const before = queue.joinBatch('event-1', 2);
      const solo = queue.run('event-1', cancel.work);
      const after = queue.joinBatch('event-1', 4);

      running.finish();
      cancel.finish();
      await Promise.all([first, before, solo, after]);
      expect(batches).toEqual([[2], [4]]);
      expect(log).toEqual(['start running', 'end running', 'start cancel', 'end cancel']);
    });

    it('fails every request of a batch whose work fails, and counts waiting requests against maxWaiting', async () => {
      let fail = true;
      const queue = queueOf({ maxWaiting: 2 }, async (eventId, requests) => {
        if (fail) throw new Error('connection lost');
        return requests.map((request) => ({ status: 'fulfilled', value: request }));
      });
      const running = heldWork([], 'running');
      const first = queue.run('event-1', running.work);
      const batched = [1, 2].map((request) => queue.joinBatch('event-1', request));

      await expect(queue.joinBatch('event-1', 3)).rejects.toBeInstanceOf(ServiceUnavailableError);

      running.finish();
      await first;
      for (const answer of batched) await expect(answer).rejects.toThrow('connection lost');
      fail = false;
      expect(await queue.joinBatch('event-1', 4)).toBe(4);
    });
  });
});
