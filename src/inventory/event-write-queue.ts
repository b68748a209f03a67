import { ServiceUnavailableError } from '../common/errors/domain-errors';

/** Decides each request of a batch on its own: one refusal need not fail the rest. */
export type BatchWork<Request, Result> = (eventId: string, requests: Request[]) => Promise<PromiseSettledResult<Result>[]>;

export interface QueueLimits {
  /** Transactions of one event let into the database at once. */
  concurrency: number;
  /** Requests that may wait for those; the next is refused with 503 (retry). */
  maxWaiting: number;
  /** Requests that may be decided in one batch. */
  maxBatch: number;
}

interface BatchWaiter<Request, Result> {
  request: Request;
  resolve: (value: Result) => void;
  reject: (reason: unknown) => void;
}

/** A job in an event's queue: one piece of work of its own, or a batch of the requests that waited together. */
type Job<Request, Result> = { kind: 'solo'; run: () => Promise<void> } | { kind: 'batch'; waiters: BatchWaiter<Request, Result>[] };

interface Lane<Request, Result> {
  running: number;
  waiting: Job<Request, Result>[];
  /** Requests in the waiting jobs (a batch counts each of its requests). */
  waitingRequests: number;
}

/**
 * Each event's queue of seat transactions: at most `concurrency` of one event run at once, the
 * rest wait in arrival order. Every seat change of an event queues on the same row lock, and
 * PostgreSQL commits fewer of them per second when many backends wait on that lock than when a few
 * do; the waiting ones would also hold pooled connections that reads need. Requests that arrive
 * while the queue is full wait together and are decided as one batch (up to `maxBatch`) in the
 * next transaction, so a rush costs one lock and one commit per batch instead of one per request.
 */
export class EventWriteQueue<Request, Result> {
  private readonly lanes = new Map<string, Lane<Request, Result>>();

  constructor(
    private readonly limits: QueueLimits,
    private readonly batchWork: BatchWork<Request, Result>,
  ) {}

  /** Waits to be decided in a batch with the requests that wait beside this one. */
  joinBatch(eventId: string, request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const lane = this.admitted(eventId);
      if (!lane) return reject(new ServiceUnavailableError());
      const last = lane.waiting.at(-1);
      if (last?.kind === 'batch' && last.waiters.length < this.limits.maxBatch) {
        last.waiters.push({ request, resolve, reject });
        lane.waitingRequests++;
        return;
      }
      this.enqueue(eventId, lane, { kind: 'batch', waiters: [{ request, resolve, reject }] });
    });
  }

  /** Runs `work` on its own, in line with the event's other jobs. */
  run<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const lane = this.admitted(eventId);
      if (!lane) return reject(new ServiceUnavailableError());
      this.enqueue(eventId, lane, { kind: 'solo', run: () => work().then(resolve, reject) });
    });
  }

  /** The event's lane, or none when its queue is full. */
  private admitted(eventId: string): Lane<Request, Result> | undefined {
    let lane = this.lanes.get(eventId);
    if (!lane) this.lanes.set(eventId, (lane = { running: 0, waiting: [], waitingRequests: 0 }));
    const full = lane.running >= this.limits.concurrency && lane.waitingRequests >= this.limits.maxWaiting;
    return full ? undefined : lane;
  }

  private enqueue(eventId: string, lane: Lane<Request, Result>, job: Job<Request, Result>): void {
    if (lane.running < this.limits.concurrency) return void this.start(eventId, lane, job);
    lane.waiting.push(job);
    lane.waitingRequests++;
  }

  private async start(eventId: string, lane: Lane<Request, Result>, job: Job<Request, Result>): Promise<void> {
    lane.running++;
    try {
      if (job.kind === 'solo') await job.run();
      else await this.decide(eventId, job.waiters);
    } finally {
      lane.running--;
      this.startNext(eventId, lane);
    }
  }

  /** Answers each waiter from its own result, or all of them with the error when the batch fails as a whole. */
  private async decide(eventId: string, waiters: BatchWaiter<Request, Result>[]): Promise<void> {
    try {
      const results = await this.batchWork(
        eventId,
        waiters.map((waiter) => waiter.request),
      );
      waiters.forEach((waiter, index) => {
        const result = results[index];
        if (result.status === 'fulfilled') waiter.resolve(result.value);
        else waiter.reject(result.reason);
      });
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }

  private startNext(eventId: string, lane: Lane<Request, Result>): void {
    const next = lane.waiting.shift();
    if (next) {
      lane.waitingRequests -= next.kind === 'batch' ? next.waiters.length : 1;
      void this.start(eventId, lane, next);
    } else if (lane.running === 0) {
      this.lanes.delete(eventId);
    }
  }
}
