/** No request of the API nests deeper than a few levels; the limit only stops what would overflow the validators. */
export const MAX_JSON_NESTING = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether JSON text opens more than `limit` arrays or objects inside one another, read before
 * JSON.parse: the validators walk a parsed body recursively, and 5,000 levels overflow their
 * stack. Brackets inside strings do not count; every UTF-16 unit of a non-ASCII character is
 * >= 0x80, so it is never taken for a quote or a bracket.
 */
export function nestsDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const unit = json.charCodeAt(index);
    if (inString) {
      if (unit === BACKSLASH) index++;
      else if (unit === QUOTE) inString = false;
    } else if (unit === QUOTE) {
      inString = true;
    } else if (OPENERS.has(unit)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(unit)) {
      depth--;
    }
  }
  return false;
}
