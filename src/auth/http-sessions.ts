import fastifyCookie from '@fastify/cookie';
import { FastifySessionObject, FastifySessionOptions } from '@fastify/session';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import connectPgSimple from 'connect-pg-simple';
import expressSession from 'express-session';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { pgPoolOf } from '../database/pg-pool';
import { generateCsrfToken } from './csrf';
import { sessionsWhereNeeded } from './sessions-where-needed';

const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'evently.sid';
const COOKIE_FLAGS = { path: '/', httpOnly: true, sameSite: 'lax' } as const;

/**
 * Browser sessions (@fastify/session) kept in PostgreSQL (table `http_sessions`), so they survive
 * restarts and every instance sees them. The cookie is HttpOnly and SameSite=Lax, and Secure
 * whenever the request came over HTTPS (`secure: 'auto'` reads Fastify's `request.protocol`): to
 * this server's own TLS (TLS_CERT_FILE), or to a trusted proxy (TRUST_PROXY) whose
 * X-Forwarded-Proto says so, as deploy/haproxy.cfg writes it.
 */
@Injectable()
export class HttpSessions implements OnApplicationShutdown {
  private readonly options: FastifySessionOptions & { cookieName: string };
  private readonly store: connectPgSimple.PGStore;

  constructor(dataSource: DataSource, config: AppConfig) {
    // connect-pg-simple is written for express-session, whose Store it extends; @fastify/session takes such stores.
    const PgStore = connectPgSimple(expressSession);
    // The session store shares TypeORM's pool rather than opening a second one.
    this.store = new PgStore({ pool: pgPoolOf(dataSource), tableName: 'http_sessions' });
    this.options = {
      cookieName: SESSION_COOKIE,
      // express-session's cookie format (`s:<id>.<signature>`), so sessions made before the move to Fastify stay valid.
      cookiePrefix: 's:',
      secret: config.sessionSecret,
      store: this.store,
      saveUninitialized: false,
      rolling: false,
      cookie: { ...COOKIE_FLAGS, secure: 'auto', maxAge: TWO_WEEKS_MS },
    };
  }

  /** Reads and writes sessions for the requests that can have one (see sessionsWhereNeeded). */
  async register(app: NestFastifyApplication): Promise<void> {
    await app.register(fastifyCookie);
    await app.register(sessionsWhereNeeded, this.options);
  }

  /**
   * Makes the request's session the signed-in session of `userId` and returns its CSRF token,
   * which the page sends back as `X-CSRF-Token` on unsafe requests.
   */
  async signIn(request: FastifyRequest, userId: string): Promise<string> {
    // A fresh session id at login, so an id planted before login is worth nothing (session fixation).
    await request.session.regenerate();
    const csrfToken = generateCsrfToken();
    request.session.userId = userId;
    request.session.csrfToken = csrfToken;
    return csrfToken;
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // A token caller brings no cookie, so it has no session to end.
    await (request.session as FastifySessionObject | null)?.destroy();
    // Tells the browser to drop the cookie too, so it stops sending a dead id.
    void reply.clearCookie(SESSION_COOKIE, { ...COOKIE_FLAGS, secure: request.protocol === 'https' });
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}
