import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A booking request made with an `Idempotency-Key` (contract: Idempotent retries), keyed by the
 * caller and the key. The row is inserted at the start of the booking transaction, so a retry
 * racing the first request waits on it; the response columns are filled before that transaction
 * commits, so a committed row always has them.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_at_idx', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  /** SHA-256 of the normalised request, to tell a retry from a different request under the same key. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  // json, not jsonb: a replay must give back the first answer byte for byte, field order included.
  @Column({ type: 'json', nullable: true })
  responseBody: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
