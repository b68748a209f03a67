import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { ReplicaSet } from './replica-set';

/**
 * The reads that may be a little behind the primary (analytics, event stats, the audit list, the
 * public event list and page) ask for a replica here, by name; everything else, transactions,
 * availability, history and auth included, stays on the primary. With no replica within
 * REPLICA_MAX_LAG_MS the read runs on the primary.
 */
@Injectable()
export class ReplicaReads {
  private readonly logger = new Logger('ReplicaReads');

  constructor(
    private readonly primary: DataSource,
    private readonly replicas: ReplicaSet,
  ) {}

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(work).then(({ value }) => value);
  }

  /** One row by key: a miss on a replica is asked again on the primary, since the row may be newer than the replica. */
  async find<T>(work: (manager: EntityManager) => Promise<T | null | undefined>): Promise<T | null | undefined> {
    const { value, onReplica } = await this.run(work);
    return value ?? (onReplica ? work(this.primary.manager) : value);
  }

  private async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<{ value: T; onReplica: boolean }> {
    const replica = this.replicas.pick();
    if (!replica) return { value: await work(this.primary.manager), onReplica: false };
    try {
      return { value: await work(replica.manager), onReplica: true };
    } catch (error) {
      // A read changes nothing, so whatever failed on the replica (it went away, a recovery
      // conflict cancelled the query, its pool was full), the primary's answer is the one to give.
      this.logger.warn(`a replica read failed (${(error as Error).message}); answering from the primary`);
      this.replicas.probeSoon();
      return { value: await work(this.primary.manager), onReplica: false };
    }
  }
}
