import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { EventGate } from './event-gate';

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
    const gate = new EventGate(2, 10);
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
    const gate = new EventGate(1, 10);
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
    const gate = new EventGate(1, 1);
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
});
