import { describe, expect, it } from 'vitest';
import {
  draftProblems,
  evenShares,
  experimentInput,
  NEW_EXPERIMENT,
  newArm,
  shareTotal,
  type ExperimentDraft,
} from './experimentDraft';

const draft = (over: Partial<ExperimentDraft> = {}): ExperimentDraft => ({
  ...NEW_EXPERIMENT,
  name: 'wtp-test',
  ...over,
});

describe('the new-experiment form', () => {
  it('starts only when the traffic shares add up to 100 %', () => {
    expect(draftProblems(draft())).toEqual([]);
    const uneven = draft({ arms: [newArm(0, '60'), newArm(1, '30')] });
    expect(shareTotal(uneven)).toBe(90);
    expect(draftProblems(uneven)).toEqual(['The traffic shares add up to 90 %, not 100 %.']);
    const thirds = draft({ arms: [newArm(0, '33.33'), newArm(1, '33.33'), newArm(2, '33.34')] });
    expect(draftProblems(thirds)).toEqual([]);
    const sum = experimentInput(thirds).arms.reduce((s, a) => s + a.share, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
  });

  it('names each problem: empty or zero shares, a missing rules version, duplicate names', () => {
    const bad = draft({
      name: 'has space',
      arms: [
        { ...newArm(0, '0'), name: 'same' },
        { ...newArm(1, '100'), name: 'same', kind: 'rules' },
      ],
    });
    expect(draftProblems(bad)).toEqual([
      'Name the experiment: 1–60 letters, digits, ".", "_" or "-".',
      'Arm 2: pick a saved rules version.',
      'Two arms have the same name.',
      'Arm 1: its traffic share must be above 0 and at most 100 %.',
    ]);
  });

  it('sends a rules-version arm as its version and a strategy arm as its strategy', () => {
    const d = draft({
      arms: [
        { ...newArm(0, '25'), strategy: 'constraints' },
        { ...newArm(1, '75'), kind: 'rules', rulesVersion: '1764000000000-000' },
      ],
    });
    expect(experimentInput(d).arms).toEqual([
      { name: 'arm-a', share: 0.25, strategy: 'constraints' },
      { name: 'arm-b', share: 0.75, rulesVersion: '1764000000000-000' },
    ]);
  });

  it('spreads whole percents evenly over the arms', () => {
    expect(evenShares(3)).toEqual(['34', '33', '33']);
    expect(evenShares(6).reduce((s, x) => s + Number(x), 0)).toBe(100);
  });
});
