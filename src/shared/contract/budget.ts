import { z } from 'zod';
import { isProviderId, parseModelKey, PROVIDER_IDS } from '../providers';
import { route } from './route';
import { USE_CASES } from './routing';

export const BUDGET_SCOPES = ['global', 'provider', 'model', 'use_case'] as const;
export const BudgetScopeSchema = z.enum(BUDGET_SCOPES);
export type BudgetScope = z.infer<typeof BudgetScopeSchema>;

/** Calendar windows follow the ledger's time zone (ledger.settings); `total` is a lifetime cap. */
export const BUDGET_WINDOWS = ['per_request', 'hourly', 'daily', 'weekly', 'monthly', 'total'] as const;
export const BudgetWindowSchema = z.enum(BUDGET_WINDOWS);
export type BudgetWindow = z.infer<typeof BudgetWindowSchema>;

export const BudgetModeSchema = z.enum(['hard', 'soft']);
/** What a hard limit does to a call that does not fit: route to a cheaper model, or refuse. */
export const BudgetPolicySchema = z.enum(['downgrade', 'block']);
export type BudgetPolicy = z.infer<typeof BudgetPolicySchema>;

export const BudgetInputSchema = z
  .strictObject({
    scope: BudgetScopeSchema,
    /** Provider id, `<provider>/<model>` or use case; absent for the global scope. */
    value: z.string().min(1).max(300).optional(),
    window: BudgetWindowSchema,
    limitUsd: z.number().positive().max(1_000_000),
    mode: BudgetModeSchema.default('hard'),
    warnPercent: z.number().int().min(1).max(100).default(80),
    policy: BudgetPolicySchema.default('block'),
  })
  .superRefine((b, ctx) => {
    const problem = scopeValueProblem(b.scope, b.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type BudgetInput = z.input<typeof BudgetInputSchema>;

function scopeValueProblem(scope: BudgetScope, value: string | undefined): string | null {
  if (scope === 'global') return value === undefined ? null : 'a global budget takes no value';
  if (value === undefined) return `a ${scope} budget needs a value`;
  if (scope === 'provider' && !isProviderId(value))
    return `unknown provider; known: ${PROVIDER_IDS.join(', ')}`;
  if (scope === 'model' && !parseModelKey(value))
    return 'expected "<provider>/<model>" with a known provider';
  if (scope === 'use_case' && !(USE_CASES as readonly string[]).includes(value)) {
    return `unknown use case; known: ${USE_CASES.join(', ')}`;
  }
  return null;
}

export const BudgetWindowStatusSchema = z.object({
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  spentUsd: z.number(),
  reservedUsd: z.number(),
  remainingUsd: z.number(),
  percent: z.number(),
});

export const BudgetStatusSchema = z.object({
  id: z.number().int(),
  scope: BudgetScopeSchema,
  value: z.string().nullable(),
  window: BudgetWindowSchema,
  limitUsd: z.number(),
  mode: BudgetModeSchema,
  warnPercent: z.number().int(),
  policy: BudgetPolicySchema,
  /** The window in force now; null for per-request limits. */
  current: BudgetWindowStatusSchema.nullable(),
});
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;

export const BudgetAlertSchema = z.object({
  budgetId: z.number().int(),
  scope: BudgetScopeSchema,
  value: z.string().nullable(),
  window: BudgetWindowSchema,
  mode: BudgetModeSchema,
  level: z.enum(['warning', 'exceeded']),
  windowStart: z.string(),
  windowEnd: z.string().nullable(),
  spentUsd: z.number(),
  limitUsd: z.number(),
  percent: z.number(),
  message: z.string(),
});
export type BudgetAlert = z.infer<typeof BudgetAlertSchema>;

export const budgetRoutes = {
  'budget.list': route({
    kind: 'query',
    summary: 'Every budget with its current window: spent, reserved by calls in flight, remaining.',
    input: z.strictObject({}),
    output: z.object({ budgets: z.array(BudgetStatusSchema), timeZone: z.string() }),
  }),
  'budget.set': route({
    kind: 'command',
    summary: 'Create or change the budget of a scope and window (limit, hard or soft, warning %, policy).',
    input: BudgetInputSchema,
    output: z.object({ budget: BudgetStatusSchema, created: z.boolean() }),
  }),
  'budget.delete': route({
    kind: 'command',
    summary: 'Remove a budget (its spend history stays in the ledger).',
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ deleted: z.boolean() }),
  }),
};

export const budgetEvents = {
  /** Raised once per crossing per window (warning threshold, then the limit); never repeated after a restart. */
  'budget.alert': BudgetAlertSchema,
};
