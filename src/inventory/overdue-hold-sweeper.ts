import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { HeldSeatsRepository } from './held-seats.repository';
import { SeatInventory } from './seat-inventory';

/** Holds ended per transaction, so a sweep never keeps an event's row lock for long. */
export const SWEEP_BATCH = 100;
const EVENTS_PER_PASS = 100;

/**
 * Contract 5: returns the seats of holds whose time is up within HOLD_SWEEP_SECONDS, when no
 * request of their event has reclaimed them already. Each batch is a seat transaction of the event, so it
 * takes the locks in the one order every path uses: the event row (waiting, as a booking would),
 * then up to SWEEP_BATCH overdue hold rows FOR UPDATE SKIP LOCKED. Any number of instances may
 * sweep at once: a hold is ended only while still active, under its row lock, so its seats come
 * back once whoever gets there first (a sweeper, a transaction short of seats, a confirmation, a release).
 */
@Injectable()
export class OverdueHoldSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Holds');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly heldSeats: HeldSeatsRepository,
    private readonly inventory: SeatInventory,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.config.holdSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep, unless the last one still runs (a slow database must not stack sweeps up). */
  private async sweepOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn({ msg: 'hold sweep failed', error: (error as Error).message });
    } finally {
      this.running = undefined;
    }
  }

  /** Ends every overdue hold it finds, batch by batch; returns how many this instance ended. */
  async sweep(): Promise<number> {
    let total = 0;
    for (const eventId of await this.heldSeats.eventsWithOverdueHolds(EVENTS_PER_PASS)) {
      for (let ended = SWEEP_BATCH; ended === SWEEP_BATCH; total += ended) {
        ended = (await this.inventory.transaction(eventId, (seats) => seats.expireOverdueHolds(SWEEP_BATCH))).length;
      }
    }
    return total;
  }
}
