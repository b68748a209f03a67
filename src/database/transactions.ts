import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * Runs work in one database transaction on its own QueryRunner: commit on success, roll back on
 * any error (which is rethrown), release the connection always. Row-lock waits are bounded by
 * LOCK_TIMEOUT_MS and every statement by STATEMENT_TIMEOUT_MS, so no request hangs on the
 * database; a timeout surfaces as PostgreSQL 55P03 or 57014, answered 503 "retry".
 */
@Injectable()
export class Transactions {
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
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
