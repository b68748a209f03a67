import { QueryFailedError } from 'typeorm';

const LOCK_NOT_AVAILABLE = '55P03';
const UNIQUE_VIOLATION = '23505';

/** The PostgreSQL SQLSTATE of a failed query, if it is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** lock_timeout ran out while waiting for a row or a concurrent insert of the same key. */
export function isLockTimeout(error: unknown): boolean {
  return sqlStateOf(error) === LOCK_NOT_AVAILABLE;
}

/** A unique index refused the row: another writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === UNIQUE_VIOLATION;
}
