import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';

import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** Request and response bodies by name, e.g. `Schemas['EventResponse']`. */
export type Schemas = components['schemas'];

export type EventlyClient = Client<paths>;

export interface EventlyClientOptions extends Pick<ClientOptions, 'fetch' | 'headers'> {
  /** Origin of the API, e.g. `https://evently.example.com`; in a browser, `''` (the default) is the page's own. */
  baseUrl?: string;
  /**
   * An API key from `POST /api/auth/token`. Without one the client runs on the session of `POST /api/auth/login`:
   * in a browser the browser keeps its cookie, elsewhere (Node) the client does, for as long as the client lives.
   */
  token?: string;
  /** Session only: the `csrf_token` of an earlier login, to go on with that session (after a page reload). */
  csrfToken?: string;
}

/** A typed client of every route in openapi/evently.json: `client.GET('/api/events/{eventId}', ...)`. */
export function createEventlyClient({ baseUrl = '', token, csrfToken, ...options }: EventlyClientOptions = {}): EventlyClient {
  // A browser sends the session cookie to another origin only with 'include' (and only to an
  // origin in the server's CORS_ORIGINS); a key needs no cookie.
  const client = createClient<paths>({ baseUrl, credentials: token ? 'omit' : 'include', ...options });
  if (token) client.use(apiKeyAuth(token));
  else client.use(sessionCookies(), sessionAuth(csrfToken));
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
 * A session: the browser (or, outside one, sessionCookies) keeps the cookie, and every unsafe request carries the
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

interface KeptCookie {
  value: string;
  secure: boolean;
}

/**
 * Keeps the session cookie where fetch keeps none (Node, Deno, Bun), so a session client works
 * outside a browser. A browser never shows a script `Set-Cookie` (a forbidden response header), so
 * there this jar stays empty and the browser's own cookie store does the work. One client talks to
 * one origin, which sets one cookie for the whole site: Domain and Path are not needed to choose.
 */
export function sessionCookies(): Middleware {
  const jar = new Map<string, KeptCookie>();
  return {
    onRequest({ request }) {
      const overHttps = request.url.startsWith('https:');
      const kept = [...jar].filter(([, cookie]) => overHttps || !cookie.secure).map(([name, cookie]) => `${name}=${cookie.value}`);
      if (kept.length === 0) return;
      const given = request.headers.get('Cookie');
      request.headers.set('Cookie', [...(given ? [given] : []), ...kept].join('; '));
    },
    onResponse({ response }) {
      // getSetCookie() is Node 19.7+ and recent browsers; an older browser has no cookies to show anyway.
      if (typeof response.headers.getSetCookie !== 'function') return;
      for (const setCookie of response.headers.getSetCookie()) keepCookie(jar, setCookie);
    },
  };
}

/** Stores or, when the server expires it (logout: `Max-Age=0` or a past `Expires`), drops one `Set-Cookie`. */
function keepCookie(jar: Map<string, KeptCookie>, setCookie: string): void {
  const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  if (separator < 1) return;
  const name = pair.slice(0, separator);
  const value = pair.slice(separator + 1);
  const attribute = (wanted: string) => attributes.find((part) => part.toLowerCase().startsWith(wanted))?.slice(wanted.length);
  const maxAge = attribute('max-age=');
  const expires = attribute('expires=');
  const expired = maxAge !== undefined ? Number(maxAge) <= 0 : expires !== undefined && Date.parse(expires) <= Date.now();
  if (expired || value === '') jar.delete(name);
  else jar.set(name, { value, secure: attributes.some((part) => part.toLowerCase() === 'secure') });
}
