import 'express-session';

import { UserEntity } from '../../users/user.entity';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    csrfToken: string;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends UserEntity {}
    interface Request {
      user?: User | undefined;
      /** The API key used, so `DELETE /api/auth/token/` revokes exactly that one. */
      tokenKey?: string;
    }
  }
}
