import { describe, expect, it } from 'vitest';
import { crashTarget, parseCrashAt } from './crash-points';

describe('ASSAY_CRASH_AT', () => {
  it('names a point, optionally at one step; unset, there is no target', () => {
    expect(parseCrashAt(undefined)).toBeNull();
    expect(parseCrashAt(' ')).toBeNull();
    expect(parseCrashAt('after-claim')).toEqual({ point: 'after-claim', stepId: null });
    expect(parseCrashAt('after-step-commit:fetch')).toEqual({ point: 'after-step-commit', stepId: 'fetch' });
    expect(parseCrashAt('before-step-commit:')).toEqual({ point: 'before-step-commit', stepId: null });
    expect(crashTarget).toBeNull(); // the test process itself never sets it
  });

  it('refuses an unknown point rather than never firing', () => {
    expect(() => parseCrashAt('after-comit')).toThrow(
      /unknown crash point "after-comit" \(known: after-claim, before-step-commit, after-step-commit\)/,
    );
  });
});
