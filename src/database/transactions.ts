import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

import { AppConfig } from '../config/app-config';

/**
 * Runs work in one database transaction on its own QueryRunner: commit on success, roll back on
 * any error (which is rethrown), release the connection always. Row-lock waits are bounded by
 * LOCK_TIMEOUT_MS and every statement by STATEMENT_TIMEOUT_MS, so no request hangs on the
 * database; a timeout surfaces as PostgreSQL 55P03 or 57014, answered 503 "retry".
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SET LOCAL lock_timeout = ${Number(this.config.lockTimeoutMs)}; SET LOCAL statement_timeout = ${Number(this.config.statementTimeoutMs)}`,
      );
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await this.rollBack(runner);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * When the connection was lost mid-transaction, TypeORM has already released the runner and
   * the rollback fails too; PostgreSQL rolled back when the session died, and the caller must
   * see the original error (503), not the rollback's.
   */
  private async rollBack(runner: QueryRunner): Promise<void> {
    if (runner.isReleased || !runner.isTransactionActive) return;
    try {
      await runner.rollbackTransaction();
    } catch (error) {
      this.logger.warn(`rollback failed, the connection is gone: ${(error as Error).message}`);
    }
  }
}
