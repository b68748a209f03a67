import '@fastify/session';

import { UserEntity } from '../../schema/user.entity';

declare module 'fastify' {
  interface Session {
    userId?: string;
    csrfToken?: string;
  }

  interface FastifyRequest {
    /** The caller, set by the authentication guard (or by passport on the credentials routes). */
    user?: UserEntity;
    /** The API key used, so `DELETE /api/auth/token/` revokes exactly that one. */
    tokenKey?: string;
  }
}
