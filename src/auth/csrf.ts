import { randomBytes, timingSafeEqual } from 'node:crypto';

import { FastifyRequest } from 'fastify';

import { CsrfTokenError } from '../common/errors/domain-errors';
import { headerOf } from '../common/http/header';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function generateCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A browser sends the session cookie with any cross-site form post, so an unsafe request
 * authenticated by the cookie alone must prove it came from our page: the `X-CSRF-Token` header
 * must equal the token given at login (synchroniser token pattern).
 */
export function assertCsrfToken(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const expected = Buffer.from(request.session.csrfToken ?? '');
  const given = Buffer.from(headerOf(request, 'x-csrf-token') ?? '');
  if (expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new CsrfTokenError();
  }
}
