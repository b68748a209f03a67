// The generated client (clients/typescript): openapi-fetch, typed by the OpenAPI document's paths.
// The page keeps the session's CSRF token for the tab, so a reload goes on with the same session.
import createClient from '../vendor/openapi-fetch/index.mjs';

/** @typedef {import('../../clients/typescript/src/index').Schemas} Schemas */

const CSRF_TOKEN = 'evently.csrf_token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** @type {import('../../clients/typescript/src/index').EventlyClient} */
export const api = createClient({ baseUrl: '', credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    const token = sessionStorage.getItem(CSRF_TOKEN);
    if (token && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', token);
  },
});

export const session = {
  get active() {
    return sessionStorage.getItem(CSRF_TOKEN) !== null;
  },
  /** @param {string} csrfToken */
  start(csrfToken) {
    sessionStorage.setItem(CSRF_TOKEN, csrfToken);
  },
  end() {
    sessionStorage.removeItem(CSRF_TOKEN);
  },
};

/** An answer of the API other than 2xx, with the contract's `{error, details}`. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ error?: string, details?: unknown } | undefined} body
   */
  constructor(status, body) {
    super(messageOf(status, body));
    this.status = status;
  }
}

/**
 * The data of a call, or an ApiError.
 * @template T
 * @param {Promise<{ data?: T, error?: unknown, response: Response }>} call
 * @returns {Promise<T>}
 */
export async function must(call) {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, /** @type {{ error?: string, details?: unknown }} */ (error));
  return /** @type {T} */ (data);
}

/**
 * @param {number} status
 * @param {{ error?: string, details?: unknown } | undefined} body
 */
function messageOf(status, body) {
  const message = body?.error ?? `The server answered ${status}.`;
  const details = body?.details;
  if (!details || typeof details !== 'object') return message;
  const problems = Object.values(details).flat().join('; ');
  return problems ? `${message} ${problems}` : message;
}
