import { ServiceUnavailableError } from '../common/errors/domain-errors';

interface Lane {
  running: number;
  waiting: (() => void)[];
}

/**
 * Lets at most `concurrency` seat changes of one event into the database at once; the rest wait
 * here in arrival order. Every booking of an event queues on the same row lock, and PostgreSQL
 * commits fewer of them per second when many backends wait on that lock than when a few do; the
 * waiting ones would also hold pooled connections that reads need. Past `maxWaiting` a request is
 * refused at once (503, retry) instead of piling up.
 */
export class EventGate {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    await this.enter(eventId);
    try {
      return await work();
    } finally {
      this.leave(eventId);
    }
  }

  /** Seat changes of the event running or waiting here now. */
  inLine(eventId: string): number {
    const lane = this.lanes.get(eventId);
    return lane ? lane.running + lane.waiting.length : 0;
  }

  private enter(eventId: string): Promise<void> {
    let lane = this.lanes.get(eventId);
    if (!lane) this.lanes.set(eventId, (lane = { running: 0, waiting: [] }));
    if (lane.running < this.concurrency) {
      lane.running++;
      return Promise.resolve();
    }
    if (lane.waiting.length >= this.maxWaiting) return Promise.reject(new ServiceUnavailableError());
    return new Promise((resolve) => lane.waiting.push(resolve));
  }

  private leave(eventId: string): void {
    const lane = this.lanes.get(eventId)!;
    const next = lane.waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else if (--lane.running === 0) this.lanes.delete(eventId);
  }
}
