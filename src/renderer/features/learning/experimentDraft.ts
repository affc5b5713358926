import type { ExperimentInput } from '../../../shared/contract';
import type { ArmStrategy } from './format';

/** One arm as the form edits it: the share in percent, as typed. */
export interface ArmDraft {
  name: string;
  kind: 'strategy' | 'rules';
  strategy: ArmStrategy;
  /** A saved rules version id (`rules.versions`), '' until one is picked. */
  rulesVersion: string;
  share: string;
}

export interface ExperimentDraft {
  name: string;
  arms: ArmDraft[];
}

export const MIN_ARMS = 2;
export const MAX_ARMS = 6;
const NAME = /^[A-Za-z0-9_.-]{1,60}$/;

export const newArm = (n: number, share: string): ArmDraft => ({
  name: `arm-${String.fromCharCode(97 + n)}`,
  kind: 'strategy',
  strategy: 'auto',
  rulesVersion: '',
  share,
});

export const NEW_EXPERIMENT: ExperimentDraft = {
  name: '',
  arms: [
    { ...newArm(0, '50'), name: 'control' },
    { ...newArm(1, '50'), name: 'candidate', strategy: 'learned' },
  ],
};

/** The typed shares, in percent; NaN where a share is not a number. */
export const sharesOf = (d: ExperimentDraft): number[] =>
  d.arms.map((a) => (a.share.trim() === '' ? Number.NaN : Number(a.share)));

/** Their sum, to two decimals (what the form shows next to "must be 100 %"). */
export const shareTotal = (d: ExperimentDraft): number =>
  Math.round(sharesOf(d).reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0) * 100) / 100;

/** Everything that keeps the draft from being started, in the order a person would fix it. */
export function draftProblems(d: ExperimentDraft): string[] {
  const out: string[] = [];
  if (!NAME.test(d.name)) out.push('Name the experiment: 1–60 letters, digits, ".", "_" or "-".');
  if (d.arms.length < MIN_ARMS || d.arms.length > MAX_ARMS)
    out.push(`An experiment has ${MIN_ARMS} to ${MAX_ARMS} arms.`);
  d.arms.forEach((a, i) => {
    if (!NAME.test(a.name)) out.push(`Arm ${i + 1}: name it with letters, digits, ".", "_" or "-".`);
    if (a.kind === 'rules' && a.rulesVersion === '') out.push(`Arm ${i + 1}: pick a saved rules version.`);
  });
  if (new Set(d.arms.map((a) => a.name)).size !== d.arms.length) out.push('Two arms have the same name.');
  const shares = sharesOf(d);
  shares.forEach((s, i) => {
    if (!(s > 0 && s <= 100)) out.push(`Arm ${i + 1}: its traffic share must be above 0 and at most 100 %.`);
  });
  const total = shareTotal(d);
  if (shares.every((s) => Number.isFinite(s)) && Math.abs(total - 100) > 0.001)
    out.push(`The traffic shares add up to ${total} %, not 100 %.`);
  return out;
}

/** The contract's input; only for a draft without problems. */
export function experimentInput(d: ExperimentDraft): ExperimentInput {
  return {
    name: d.name,
    arms: d.arms.map((a) => ({
      name: a.name,
      share: Number(a.share) / 100,
      ...(a.kind === 'rules' ? { rulesVersion: a.rulesVersion } : { strategy: a.strategy }),
    })),
  };
}

/** Spreads 100 % over `n` arms in whole percents (the first arms take the remainder). */
export function evenShares(n: number): string[] {
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => String(base + (i < 100 - base * n ? 1 : 0)));
}
