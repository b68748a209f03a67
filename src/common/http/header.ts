import { IncomingHttpHeaders } from 'node:http';

/** A request header as one string (Node joins repeats of most headers with ", "); `name` in lower case. */
export function headerOf(request: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
