import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes, URL-safe. */
export function generateTokenKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Keys are stored as their SHA-256. A key has 256 bits of entropy, so a fast hash is enough and a
 * request's token check costs no slow password hash.
 */
export function hashTokenKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
