import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';

import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** Request and response bodies by name, e.g. `Schemas['EventResponse']`. */
export type Schemas = components['schemas'];

export type EventlyClient = Client<paths>;

export interface EventlyClientOptions extends Pick<ClientOptions, 'fetch' | 'headers'> {
  /** Origin of the API, e.g. `https://evently.example.com`; in a browser, `''` (the default) is the page's own. */
  baseUrl?: string;
  /** An API key from `POST /api/auth/token`. Without one the client runs on the session of `POST /api/auth/login`. */
  token?: string;
  /** Session only: the `csrf_token` of an earlier login, to go on with that session (after a page reload). */
  csrfToken?: string;
}

/** A typed client of every route in openapi/evently.json: `client.GET('/api/events/{eventId}', ...)`. */
export function createEventlyClient({ baseUrl = '', token, csrfToken, ...options }: EventlyClientOptions = {}): EventlyClient {
  // A browser sends the session cookie to another origin only with 'include' (and only to an
  // origin in the server's CORS_ORIGINS); a key needs no cookie.
  const client = createClient<paths>({ baseUrl, credentials: token ? 'omit' : 'include', ...options });
  client.use(token ? apiKeyAuth(token) : sessionAuth(csrfToken));
  return client;
}

/** `Authorization: Token <key>` on every request. */
export function apiKeyAuth(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Token ${token}`);
    },
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser session: the browser keeps the cookie, and every unsafe request carries the
 * `csrf_token` that `POST /api/auth/login` answered with as `X-CSRF-Token` (contract: Authentication).
 */
export function sessionAuth(csrfToken?: string): Middleware {
  return {
    onRequest({ request }) {
      if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    },
    async onResponse({ schemaPath, response }) {
      if (!response.ok) return;
      if (schemaPath === '/api/auth/login') {
        const login = (await response.clone().json()) as Schemas['LoginResponse'];
        csrfToken = login.csrf_token;
      }
      if (schemaPath === '/api/auth/logout') csrfToken = undefined;
    },
  };
}
