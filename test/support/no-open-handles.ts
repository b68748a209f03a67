// After each spec file's own clean-up (its describe blocks' afterAll hooks run before this
// root-level one): nothing it opened may stay open, or jest would wait on it at the end of the
// run. Counted against what the worker had open when the file started (its pipes to jest, and
// the timer guarding the hook itself), so a leak is blamed on the file that made it.
let atStart: Map<string, number>;

function openResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

beforeAll(() => {
  atStart = openResources();
});

function leakedSinceStart(): string[] {
  return [...openResources()].filter(([type, count]) => count > (atStart.get(type) ?? 0)).map(([type]) => type);
}

afterAll(async () => {
  // Sockets and servers that were told to close finish closing over the next few event-loop turns.
  for (let wait = 0; wait < 50 && leakedSinceStart().length; wait++) await new Promise((settle) => setTimeout(settle, 100));
  expect(leakedSinceStart()).toEqual([]);
});
