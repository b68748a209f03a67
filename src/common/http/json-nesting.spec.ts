import { nestsDeeperThan } from './json-nesting';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects opened inside one another', () => {
    expect(nestsDeeperThan('{"a": [[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a": [[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan('[[1], [2], [3], {"b": 1}]', 2)).toBe(false);
  });

  it('ignores brackets in strings, escaped quotes included, and non-ASCII text', () => {
    expect(nestsDeeperThan('{"a": "[[[[{{{{", "b": "\\"[[[[", "c": "İ[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\", [[1]]]', 2)).toBe(true);
  });

  it('finds 5,000 levels without recursion', () => {
    expect(nestsDeeperThan(`${'['.repeat(5_000)}${']'.repeat(5_000)}`, 32)).toBe(true);
  });
});
