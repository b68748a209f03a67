import { ServiceUnavailableError } from '../common/errors/domain-errors';

/** Answers each request of a shared turn on its own: one refusal need not fail the rest. */
export type SharedTurnWork<Request, Result> = (eventId: string, requests: Request[]) => Promise<PromiseSettledResult<Result>[]>;

export interface LineLimits {
  /** Turns of one event let into the database at once. */
  concurrency: number;
  /** Requests that may wait for those; the next is refused with 503 (retry). */
  maxWaiting: number;
  /** Requests that may share one turn. */
  maxShared: number;
}

interface Waiter {
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * A turn in the event's line: `alone` runs one piece of work; `shared` runs the line's shared work
 * for every request that joined it while it waited.
 */
type Turn = { kind: 'alone'; work: () => Promise<unknown>; waiter: Waiter } | { kind: 'shared'; waiters: Waiter[] };

interface Lane {
  running: number;
  waiting: Turn[];
  /** Requests in the waiting turns (a shared turn counts each of its requests). */
  waitingRequests: number;
}

/**
 * Each event's line of turns: at most `concurrency` turns (transactions) of one event run at once,
 * the rest wait in arrival order. Every seat change of an event queues on the same row lock, and
 * PostgreSQL commits fewer of them per second when many backends wait on that lock than when a few
 * do; the waiting ones would also hold pooled connections that reads need. Requests that arrive
 * while the line is full wait together and take the next turn as one shared turn (up to
 * `maxShared`), so a rush costs one lock and one commit per turn instead of one per request.
 */
export class EventLine<Request, Result> {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly limits: LineLimits,
    private readonly sharedWork: SharedTurnWork<Request, Result>,
  ) {}

  /** Waits for a turn shared with the requests that wait beside this one. */
  share(eventId: string, request: Request): Promise<Result> {
    return this.enter(eventId, request, (lane, waiter) => {
      const last = lane.waiting.at(-1);
      if (last?.kind === 'shared' && last.waiters.length < this.limits.maxShared) {
        last.waiters.push(waiter);
        lane.waitingRequests++;
        return;
      }
      this.queue(eventId, lane, { kind: 'shared', waiters: [waiter] });
    });
  }

  /** Waits for a turn of its own, in line with the event's other turns. */
  alone<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    return this.enter(eventId, undefined, (lane, waiter) => this.queue(eventId, lane, { kind: 'alone', work, waiter }));
  }

  private enter<T>(eventId: string, request: unknown, line: (lane: Lane, waiter: Waiter) => void): Promise<T> {
    const lane = this.laneOf(eventId);
    return new Promise<T>((resolve, reject) => {
      const full = lane.running >= this.limits.concurrency && lane.waitingRequests >= this.limits.maxWaiting;
      if (full) return reject(new ServiceUnavailableError());
      line(lane, { request, resolve, reject } as Waiter);
    });
  }

  private queue(eventId: string, lane: Lane, turn: Turn): void {
    if (lane.running < this.limits.concurrency) return void this.start(eventId, lane, turn);
    lane.waiting.push(turn);
    lane.waitingRequests++;
  }

  private async start(eventId: string, lane: Lane, turn: Turn): Promise<void> {
    lane.running++;
    try {
      if (turn.kind === 'alone') await settle([turn.waiter], async () => [{ status: 'fulfilled', value: await turn.work() }]);
      else
        await settle(turn.waiters, () =>
          this.sharedWork(
            eventId,
            turn.waiters.map((waiter) => waiter.request as Request),
          ),
        );
    } finally {
      lane.running--;
      this.startNext(eventId, lane);
    }
  }

  private startNext(eventId: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next) {
      lane.waitingRequests -= next.kind === 'shared' ? next.waiters.length : 1;
      void this.start(eventId, lane, next);
    } else if (lane.running === 0) {
      this.lanes.delete(eventId);
    }
  }

  private laneOf(eventId: string): Lane {
    let lane = this.lanes.get(eventId);
    if (!lane) this.lanes.set(eventId, (lane = { running: 0, waiting: [], waitingRequests: 0 }));
    return lane;
  }
}

/** Answers each waiter from its own result, or all of them with the error when the work fails as a whole. */
async function settle(waiters: Waiter[], work: () => Promise<PromiseSettledResult<unknown>[]>): Promise<void> {
  try {
    const results = await work();
    waiters.forEach((waiter, index) => {
      const result = results[index];
      if (result.status === 'fulfilled') waiter.resolve(result.value);
      else waiter.reject(result.reason);
    });
  } catch (error) {
    for (const waiter of waiters) waiter.reject(error);
  }
}
