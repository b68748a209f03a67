import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { pgPoolOf } from '../database/pg-pool';
import { generateCsrfToken } from './csrf';
import { regenerateSession } from './session-lifecycle';

const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;
const COOKIE = 'evently.sid';
const COOKIE_FLAGS = { path: '/', httpOnly: true, sameSite: 'lax' } as const;

/**
 * Browser sessions kept in PostgreSQL (table `http_sessions`), so they survive restarts and every
 * instance sees them. The cookie is HttpOnly and SameSite=Lax, and Secure whenever the request
 * came over HTTPS (behind a proxy, as Express reads it under TRUST_PROXY).
 */
@Injectable()
export class HttpSessions implements OnApplicationShutdown {
  readonly middleware: RequestHandler;
  private readonly store: connectPgSimple.PGStore;

  constructor(dataSource: DataSource, config: AppConfig) {
    const PgStore = connectPgSimple(session);
    // The session store shares TypeORM's pool rather than opening a second one.
    const pool = pgPoolOf(dataSource);
    this.store = new PgStore({ pool, tableName: 'http_sessions' });
    this.middleware = session({
      name: COOKIE,
      secret: config.sessionSecret,
      store: this.store,
      resave: false,
      saveUninitialized: false,
      cookie: { ...COOKIE_FLAGS, secure: 'auto', maxAge: TWO_WEEKS_MS },
    });
  }

  /**
   * Makes the request's session the signed-in session of `userId` and returns its CSRF token,
   * which the page sends back as `X-CSRF-Token` on unsafe requests.
   */
  async signIn(request: Request, userId: string): Promise<string> {
    // A fresh session id at login, so an id planted before login is worth nothing (session fixation).
    await regenerateSession(request);
    const csrfToken = generateCsrfToken();
    request.session.userId = userId;
    request.session.csrfToken = csrfToken;
    return csrfToken;
  }

  /** Tells the browser to drop the session cookie (after logout), so it stops sending a dead id. */
  expireCookie(request: Request, response: Response): void {
    response.clearCookie(COOKIE, { ...COOKIE_FLAGS, secure: request.secure });
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}
