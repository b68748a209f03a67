/** One scenario's figures, as both load generators report them. */
export interface LoadResult {
  scenario: string;
  clients: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** HTTP loads: walks through the whole request list answered as expected, per second (one walk per request for a one-request load). */
  walksPerSecond?: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than the expected statuses, plus socket errors and time-outs. */
  errors: number;
  statuses: Record<string, number>;
  /** HTTP loads only: the server's CPU time (user and system, all threads) per answered request. */
  serverCpuMsPerRequest?: number;
}
