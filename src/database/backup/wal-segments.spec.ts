import { archiveFilesBefore, endLsnOf, newestSegment, parseLsn } from './wal-segments';

describe('WAL segment names', () => {
  it('keeps every file a backup starting at a segment needs, and every timeline history', () => {
    const archive = [
      '000000010000000000000003',
      '000000010000000000000004',
      '000000010000000000000004.00000028.backup',
      '000000010000000000000005.part',
      '000000010000000000000005',
      '00000002.history',
      '000000020000000000000005.partial',
      '000000020000000000000006',
    ];

    expect(archiveFilesBefore(archive, '000000020000000000000005')).toEqual([
      '000000010000000000000003',
      '000000010000000000000004',
      '000000010000000000000004.00000028.backup',
    ]);
  });

  it('reads the end of a segment and a printed LSN on the same scale', () => {
    expect(endLsnOf('000000010000000000000003')).toBe(parseLsn('0/4000000'));
    expect(endLsnOf('0000000100000001000000FF')).toBe(parseLsn('2/0'));
    expect(parseLsn('0/3000148')).toBeLessThan(endLsnOf('000000010000000000000003'));
  });

  it('finds the newest complete segment, whatever else the archive holds', () => {
    expect(
      newestSegment(['000000010000000000000009', '00000002.history', '00000002000000000000000A.partial', '00000002000000000000000A']),
    ).toBe('00000002000000000000000A');
    expect(newestSegment(['00000002.history'])).toBeUndefined();
  });
});
