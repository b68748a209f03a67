import { replicaState } from './replica-lag';

describe('replicaState', () => {
  const following = { inRecovery: true, caughtUp: false, sinceLastReplayMs: 40 };

  it('is up with no lag when the replica has replayed all the primary had written, however old its last commit', () => {
    expect(replicaState({ ...following, caughtUp: true, sinceLastReplayMs: 600_000 }, 1_000)).toEqual({ status: 'up', lagMs: 0 });
  });

  it('measures a replica that is behind by the age of the last transaction it replayed', () => {
    expect(replicaState(following, 1_000)).toEqual({ status: 'up', lagMs: 40 });
    expect(replicaState({ ...following, sinceLastReplayMs: 1_500.4 }, 1_000)).toEqual({ status: 'lagging', lagMs: 1_500 });
  });

  it('counts a replica behind that has never replayed a transaction as lagging', () => {
    expect(replicaState({ ...following, sinceLastReplayMs: null }, 1_000)).toEqual({ status: 'lagging', lagMs: null });
  });

  it('counts a replica that did not answer, or was promoted and no longer follows the primary, as down', () => {
    expect(replicaState(undefined, 1_000)).toEqual({ status: 'down', lagMs: null });
    expect(replicaState({ ...following, inRecovery: false, caughtUp: true }, 1_000)).toEqual({ status: 'down', lagMs: null });
  });
});
