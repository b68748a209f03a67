import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** How long a key is remembered (contract: Idempotent retries). */
export const KEY_LIFETIME = '24 hours';

export interface StoredResponse {
  status: number;
  body: object;
}

export interface StoredKey {
  requestHash: string;
  response: StoredResponse | null;
}

@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the key for this transaction: inserts it, or recycles a row that has expired. When
   * another transaction holds the same key uncommitted, PostgreSQL makes this statement wait for
   * it (bounded by lock_timeout). False when a live key already exists.
   */
  async claim(userId: string, key: string, requestHash: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at <= now() - interval '${KEY_LIFETIME}'
       RETURNING user_id`,
      [userId, key, requestHash],
    );
    return rows.length === 1;
  }

  async find(userId: string, key: string, manager: EntityManager): Promise<StoredKey | null> {
    const [row]: { request_hash: string; response_status: number | null; response_body: object | null }[] = await manager.query(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (!row) return null;
    const response = row.response_status === null ? null : { status: row.response_status, body: row.response_body! };
    return { requestHash: row.request_hash, response };
  }

  async saveResponse(userId: string, key: string, response: StoredResponse, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      response.status,
      JSON.stringify(response.body),
    ]);
  }

  /** Deletes up to `batch` expired keys (oldest first, through the created_at index); returns how many. */
  async deleteExpired(batch: number): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE (user_id, key) IN (
         SELECT user_id, key FROM idempotency_keys WHERE created_at <= now() - interval '${KEY_LIFETIME}'
         ORDER BY created_at LIMIT $1)`,
      [batch],
    );
    return deleted;
  }
}
