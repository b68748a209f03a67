import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError } from '../../common/errors/domain-errors';
import { isLockTimeout } from '../../common/errors/sql-state';
import { SeatInventory, SeatTransaction } from '../../inventory';
import { IdempotencyKeysRepository, StoredResponse } from './idempotency-keys.repository';

/** One request under an `Idempotency-Key`: who sent it, the key, and what it asked for. */
export interface KeyedRequest {
  userId: string;
  key: string;
  /** The request's meaning, normalised (a retry may spell the same body differently). */
  request: unknown;
}

/**
 * Contract: Idempotent retries. Runs inside the booking transaction, so the key, the booking and
 * the stored answer commit together, or not at all: a request that failed leaves no key behind
 * and its retry is simply processed (it changed nothing, so there is nothing to replay).
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly inventory: SeatInventory,
  ) {}

  /**
   * A keyed seat change (a booking, a hold, a confirmation) in a seat transaction of its own: the
   * key is claimed first, so a retry waiting on its first attempt holds no seat lock, and the key,
   * the change and the stored answer commit together.
   */
  inSeatTransaction<T extends StoredResponse>(
    eventId: string,
    keyed: KeyedRequest,
    work: (seats: SeatTransaction) => Promise<T>,
  ): Promise<T & { replayed: boolean }> {
    return this.inventory.transaction(eventId, (seats) => this.once(keyed, seats.manager, () => work(seats)));
  }

  /**
   * Null when this request holds the key and should be processed; the stored answer when it is a
   * retry of a completed request. A retry of a request still running waits for it to finish,
   * up to the lock timeout, then gets 409 "in progress".
   */
  async claim(keyed: KeyedRequest, manager: EntityManager): Promise<StoredResponse | null> {
    const requestHash = hashOf(keyed.request);
    if (await this.claimOrWait(keyed, requestHash, manager)) return null;
    const stored = await this.keys.find(keyed.userId, keyed.key, manager);
    if (!stored?.response) throw new IdempotencyKeyInProgressError();
    if (stored.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    return stored.response;
  }

  /**
   * Runs `work` once per key, inside the caller's transaction: a retry gets the stored answer
   * (`replayed`) and runs nothing. Without a key, `work` simply runs.
   */
  async once<T extends StoredResponse>(
    keyed: KeyedRequest | undefined,
    manager: EntityManager,
    work: () => Promise<T>,
  ): Promise<T & { replayed: boolean }> {
    const replay = keyed && (await this.claim(keyed, manager));
    if (replay) return { ...(replay as T), replayed: true };
    const answer = await work();
    if (keyed) await this.remember(keyed, { status: answer.status, body: answer.body }, manager);
    return { ...answer, replayed: false };
  }

  remember(keyed: KeyedRequest, response: StoredResponse, manager: EntityManager): Promise<void> {
    return this.keys.saveResponse(keyed.userId, keyed.key, response, manager);
  }

  private async claimOrWait(keyed: KeyedRequest, requestHash: string, manager: EntityManager): Promise<boolean> {
    try {
      return await this.keys.claim(keyed.userId, keyed.key, requestHash, manager);
    } catch (error) {
      if (isLockTimeout(error)) throw new IdempotencyKeyInProgressError();
      throw error;
    }
  }
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
