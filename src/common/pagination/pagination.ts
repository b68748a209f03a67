import { InvalidPageError } from '../errors/domain-errors';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/**
 * Counts are PostgreSQL integers, so no list has a row past this offset: a page beyond it is past
 * the end, answered before it reaches SQL (where OFFSET 1e20 or an integer[] of 3e9 is an error).
 */
const MAX_OFFSET = 2 ** 31 - 1;

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function pageRequest(query: { page?: string; page_size?: number }): PageRequest {
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!/^\d+$/.test(query.page ?? '1') || page < 1) throw new InvalidPageError();
  const pageSize = Math.min(query.page_size ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const offset = (page - 1) * pageSize;
  if (offset > MAX_OFFSET) throw new InvalidPageError();
  return { page, pageSize, offset };
}

/**
 * The page envelope with absolute `next`/`previous` links that keep the request's other query
 * parameters. A page past the end is a 404, but page 1 of nothing is an empty page.
 */
export function toPage<T>(request: PageRequest, count: number, results: T[], requestUrl: URL): Page<T> {
  const lastPage = Math.max(1, Math.ceil(count / request.pageSize));
  if (request.page > lastPage) throw new InvalidPageError();
  return {
    count,
    next: request.page < lastPage ? linkToPage(requestUrl, request.page + 1) : null,
    previous: request.page > 1 ? linkToPage(requestUrl, request.page - 1) : null,
    results,
  };
}

function linkToPage(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set('page', String(page));
  return url.toString();
}
