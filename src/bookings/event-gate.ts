import { ServiceUnavailableError } from '../common/errors/domain-errors';

/** Work for several requests at once, answering each on its own (a refusal need not fail the rest). */
export type BatchWork<Request, Result> = (eventId: string, requests: Request[]) => Promise<PromiseSettledResult<Result>[]>;

interface Member {
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** One turn in the event's line: a single work, or a batch that more requests may join while it waits. */
interface Turn {
  work: BatchWork<unknown, unknown>;
  members: Member[];
  joinable: boolean;
}

interface Lane {
  running: number;
  waiting: Turn[];
  /** Requests in the waiting turns (a batch counts each of its members). */
  waitingRequests: number;
}

/**
 * Lets at most `concurrency` turns (transactions) of one event's seat changes into the database
 * at once; the rest wait here in arrival order. Every booking of an event queues on the same row lock, and PostgreSQL
 * commits fewer of them per second when many backends wait on that lock than when a few do; the
 * waiting ones would also hold pooled connections that reads need. Requests that arrive while
 * the line is full and share a batch work wait together and take the next turn as one (up to
 * `maxBatch`), so a rush costs one lock and one commit per turn instead of one per request.
 * Past `maxWaiting` waiting requests the next is refused at once (503, retry) instead of piling up.
 */
export class EventGate {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly maxBatch: number,
  ) {}

  run<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    const alone: BatchWork<undefined, T> = async () => [{ status: 'fulfilled', value: await work() }];
    return this.join(eventId, undefined, alone, false);
  }

  /** Runs `work` for this request and whichever requests with the same `work` wait for the same turn. */
  runTogether<Request, Result>(eventId: string, request: Request, work: BatchWork<Request, Result>): Promise<Result> {
    return this.join(eventId, request, work, true);
  }

  private join<Request, Result>(eventId: string, request: Request, work: BatchWork<Request, Result>, joinable: boolean): Promise<Result> {
    const lane = this.laneOf(eventId);
    return new Promise<Result>((resolve, reject) => {
      const member = { request, resolve, reject } as Member;
      const last = lane.waiting.at(-1);
      const batch = joinable && last?.joinable && last.work === work && last.members.length < this.maxBatch ? last : undefined;
      if (lane.running >= this.concurrency && lane.waitingRequests >= this.maxWaiting) return reject(new ServiceUnavailableError());
      if (batch) {
        batch.members.push(member);
        lane.waitingRequests++;
        return;
      }
      const turn: Turn = { work: work as BatchWork<unknown, unknown>, members: [member], joinable };
      if (lane.running < this.concurrency) return void this.start(eventId, lane, turn);
      lane.waiting.push(turn);
      lane.waitingRequests++;
    });
  }

  private async start(eventId: string, lane: Lane, turn: Turn): Promise<void> {
    lane.running++;
    turn.joinable = false;
    try {
      const results = await turn.work(
        eventId,
        turn.members.map((member) => member.request),
      );
      turn.members.forEach((member, index) => {
        const result = results[index];
        if (result.status === 'fulfilled') member.resolve(result.value);
        else member.reject(result.reason);
      });
    } catch (error) {
      for (const member of turn.members) member.reject(error);
    } finally {
      lane.running--;
      this.startNext(eventId, lane);
    }
  }

  private startNext(eventId: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next) {
      lane.waitingRequests -= next.members.length;
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
