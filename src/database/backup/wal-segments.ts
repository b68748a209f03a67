// WAL segment file names (TTTTTTTTXXXXXXXXYYYYYYYY: timeline, then the position in the WAL in
// 16 MB steps) and what they say about positions, for retention and for the drill's checks.

const SEGMENT = /^[0-9A-F]{24}$/;
/** initdb's default, and the embedded cluster's. */
export const SEGMENT_BYTES = 16 * 1024 * 1024;

export function isSegmentName(name: string): boolean {
  return SEGMENT.test(name);
}

/** The segment's place in the WAL, whatever its timeline (as pg_archivecleanup compares them). */
function positionOf(name: string): string {
  return name.slice(8, 24);
}

/**
 * Archive files that no kept backup needs: segments (and their `.partial` and `.backup`
 * companions) before `oldestNeeded`, the first segment of the oldest backup kept. Timeline
 * history files are always kept: they are tiny and recovery reads them to follow a timeline.
 */
export function archiveFilesBefore(names: string[], oldestNeeded: string): string[] {
  const cut = positionOf(oldestNeeded);
  return names.filter((name) => isSegmentName(name.slice(0, 24)) && positionOf(name) < cut);
}

/** The first WAL byte after `name` (as a BigInt LSN): what a recovery from an archive ending with it can reach. */
export function endLsnOf(name: string): bigint {
  const log = BigInt(`0x${name.slice(8, 16)}`);
  const segment = BigInt(`0x${name.slice(16, 24)}`);
  return (log << 32n) + (segment + 1n) * BigInt(SEGMENT_BYTES);
}

/** `0/3000148` as PostgreSQL prints a pg_lsn, as a BigInt. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** The newest complete segment among archive file names, if any. */
export function newestSegment(names: string[]): string | undefined {
  return names
    .filter(isSegmentName)
    .sort((a, b) => positionOf(a).localeCompare(positionOf(b)))
    .at(-1);
}
