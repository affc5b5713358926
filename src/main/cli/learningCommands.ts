import type { Command } from 'commander';
import { USE_CASES, type UseCase } from '../../shared/contract';
import { loadBenchSplit } from '../learning/routerbench/dataset';
import { evaluateRouterbench, type RouterbenchReport } from '../learning/routerbench/evaluate';
import { call, usageError, type CommandContext } from './commandContext';

const usd = (v: number): string => `$${v.toFixed(4)}`;
const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

export function formatEval(r: RouterbenchReport): string {
  const line = (name: string, acc: number, cost: number): string =>
    `  ${name.padEnd(38)} ${pct(acc).padStart(8)} ${usd(cost).padStart(11)}`;
  const out = [
    `RouterBench: trained on ${r.train} prompts, evaluated on ${r.test} unseen prompts (${r.source === 'files' ? '*_test.csv' : 'a 20 % hold-out of the train files'}; ${r.skipped} rows with empty cells skipped)`,
    `  ${'policy'.padEnd(38)} ${'accuracy'.padStart(8)} ${'total cost'.padStart(11)}`,
    ...r.single.map((s) => line(s.name, s.accuracy, s.costUsd)),
    line('oracle (cheapest right model)', r.oracle.accuracy, r.oracle.costUsd),
    line('random mix', r.random.accuracy, r.random.costUsd),
    line(r.heuristic.name, r.heuristic.accuracy, r.heuristic.costUsd),
    `learned strategy, by willingness to pay (USD per request for a sure answer; ${r.learned.length} sweep points, each change shown):`,
    ...r.learned
      .filter(
        (p, i, all) => i === 0 || p.accuracy !== all[i - 1]!.accuracy || p.costUsd !== all[i - 1]!.costUsd,
      )
      .map((p) => line(`  learned @ $${p.usdPerQuality.toPrecision(3)}`, p.accuracy, p.costUsd)),
  ];
  if (r.reference) {
    out.push(
      r.learned_cost_ratio_at_gpt4_accuracy === null
        ? `No sweep point reaches ${r.reference.model}'s accuracy (${pct(r.reference.accuracy)}).`
        : `At ${r.reference.model}'s accuracy (${pct(r.reference.accuracy)}) the learned strategy costs ${pct(r.learned_cost_ratio_at_gpt4_accuracy)} of always-${r.reference.model}.`,
    );
  }
  return out.join('\n');
}

/** The last line of `eval routerbench`: one JSON object with the headline figures. */
export function evalSummary(r: RouterbenchReport): Record<string, unknown> {
  const best = [...r.learned].sort((a, b) => b.accuracy - a.accuracy || a.costUsd - b.costUsd)[0];
  return {
    source: r.source,
    train: r.train,
    test: r.test,
    reference: r.reference,
    oracle: { accuracy: r.oracle.accuracy, costUsd: r.oracle.costUsd },
    random: { accuracy: r.random.accuracy, costUsd: r.random.costUsd },
    heuristic: { accuracy: r.heuristic.accuracy, costUsd: r.heuristic.costUsd },
    learned_best_accuracy: best
      ? { accuracy: best.accuracy, costUsd: best.costUsd, usdPerQuality: best.usdPerQuality }
      : null,
    learned_best_within_35pct_cost: bestWithin(r, 0.35),
    learned_cost_ratio_at_gpt4_accuracy: r.learned_cost_ratio_at_gpt4_accuracy,
  };
}

/** The most accurate sweep point costing at most `share` of the reference model's total. */
function bestWithin(r: RouterbenchReport, share: number): { accuracy: number; costRatio: number } | null {
  const ref = r.reference;
  if (!ref || ref.costUsd <= 0) return null;
  const within = r.learned.filter((p) => p.costUsd <= share * ref.costUsd);
  const best = within.sort((a, b) => b.accuracy - a.accuracy || a.costUsd - b.costUsd)[0];
  return best
    ? { accuracy: best.accuracy, costRatio: Number((best.costUsd / ref.costUsd).toFixed(4)) }
    : null;
}

/** `eval routerbench`, `learning status|train|wtp`, `leaderboard`, `experiments …`. */
export function registerLearningCommands(program: Command, ctx: CommandContext): void {
  const out = (text: string, data: unknown): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : text);

  program
    .command('eval')
    .description('offline evaluation of the routing strategies')
    .command('routerbench')
    .description(
      'train on *_train.csv, evaluate on *_test.csv (or a 20 % hold-out) from a RouterBench folder',
    )
    .requiredOption('--data <dir>', 'folder with RouterBench *_train.csv (and *_test.csv) files')
    .action((opts: { data: string }) => {
      const report = evaluateRouterbench(loadBenchSplit(opts.data));
      if (ctx.json()) ctx.io.out(JSON.stringify({ ...report, ...evalSummary(report) }));
      else {
        ctx.io.out(formatEval(report));
        ctx.io.out(JSON.stringify(evalSummary(report)));
      }
    });

  const learning = program
    .command('learning')
    .description('the learned strategy: status, training, willingness to pay');
  const showStatus = (s: Awaited<ReturnType<typeof call<'learning.status'>>>): string =>
    [
      s.trained
        ? `trained ${s.trainedAt} on ${s.prompts} prompts, ${s.models.length} models`
        : 'not trained yet',
      `willingness to pay: $${s.willingnessToPayUsd} per request for a sure answer`,
      s.lastOutcome ? `last training: ${s.lastOutcome}` : null,
      s.embeddings.model
        ? `embeddings: ${s.embeddings.model}, ${s.embeddings.stored} prompt vectors stored, ${s.embeddings.pending} stored prompts still to look at${s.embeddings.backfilling ? ' (back-filling)' : ''}`
        : 'embeddings: off (nearest past prompts by text features)',
      s.embeddings.lastError
        ? `last embeddings error (${s.embeddings.lastError.at}): ${s.embeddings.lastError.message}`
        : null,
    ]
      .filter((x) => x !== null)
      .join('\n');
  learning.command('status').action(() =>
    ctx.withServices(async (s) => {
      const r = await call(s, 'learning.status', {});
      out(showStatus(r), r);
    }),
  );
  learning
    .command('train')
    .option('--force', 'train even when nothing new was recorded', false)
    .action((o: { force: boolean }) =>
      ctx.withServices(async (s) => {
        const r = await call(s, 'learning.train', { force: o.force });
        out(showStatus(r), r);
      }),
    );
  learning
    .command('wtp')
    .argument('<usd>', 'USD per request a sure answer is worth')
    .action((v: string) =>
      ctx.withServices(async (s) => {
        const r = await call(s, 'learning.setWillingnessToPay', { usd: Number(v) });
        out(showStatus(r), r);
      }),
    );

  learning
    .command('embeddings')
    .description(
      'use an embeddings model for the learned router and the similar-prompt cache ("<provider>/<model>", or "off"); without an argument, list the models',
    )
    .argument('[model]', '"<provider>/<model>", e.g. openai/text-embedding-3-small, or "off"')
    .option('--backfill', 'embed the stored prompts now instead of in the background', false)
    .action((model: string | undefined, o: { backfill: boolean }) =>
      ctx.withServices(async (s) => {
        if (model === undefined) {
          const r = await call(s, 'learning.embeddingModels', {});
          const rows = r.models.map(
            (m) =>
              `  ${m.modelKey.padEnd(48)} $${m.inputPerMTok}/M tokens  ${m.available ? 'available' : `not available: ${m.reason}`}`,
          );
          out(rows.join('\n'), r);
          return;
        }
        let r = await call(s, 'learning.setEmbeddingsModel', { model: model === 'off' ? null : model });
        if (o.backfill && r.embeddings.model) {
          await s.learning.backfillNow();
          r = await call(s, 'learning.status', {});
        }
        out(showStatus(r), r);
      }),
    );

  learning
    .command('suggest')
    .description('complexity-tier edges suggested from history (nothing is applied)')
    .action(() =>
      ctx.withServices(async (s) => {
        const r = await call(s, 'learning.suggestThresholds', {});
        const rows = r.suggestions.map((x) => `  ${x.path}: ${x.current} → ${x.suggested}: ${x.reason}`);
        out(rows.length ? rows.join('\n') : 'No suggestions: the history does not argue for other edges.', r);
      }),
    );

  program
    .command('leaderboard')
    .description('models ranked by Bradley–Terry ratings from compare votes')
    .option('--use-case <use-case>', 'one use case (default: all votes)')
    .action((o: { useCase?: string }) =>
      ctx.withServices(async (s) => {
        if (o.useCase && !USE_CASES.includes(o.useCase as UseCase))
          usageError(ctx, `Unknown use case. Known: ${USE_CASES.join(', ')}.`);
        const r = await call(s, 'learning.leaderboard', {
          useCase: (o.useCase as UseCase | undefined) ?? null,
        });
        const rows = r.entries.map(
          (e) =>
            `  ${e.modelKey.padEnd(40)} ${String(e.rating).padStart(5)} ±${String(e.ratingMargin).padEnd(4)} ${e.wins}W ${e.losses}L ${e.ties}T  quality ${e.qualityAdjustment >= 0 ? '+' : ''}${e.qualityAdjustment}`,
        );
        out(rows.length ? rows.join('\n') : 'No votes yet.', r);
      }),
    );

  registerExperimentCommands(program, ctx, out);
}

function registerExperimentCommands(
  program: Command,
  ctx: CommandContext,
  out: (t: string, d: unknown) => void,
): void {
  const ex = program.command('experiments').description('A/B tests of routing strategies');
  ex.command('list').action(() =>
    ctx.withServices(async (s) => {
      const r = await call(s, 'experiments.list', {});
      out(
        r.experiments
          .map(
            (e) =>
              `${e.name}  ${e.status}  ${e.arms.map((a) => `${a.name}=${armWhat(a)}:${a.share}`).join(' ')}`,
          )
          .join('\n') || 'No experiments.',
        r,
      );
    }),
  );
  ex.command('create')
    .argument('<name>')
    .argument(
      '<arms...>',
      'arms as name=strategy:share or name=rules@<version id>:share, e.g. a=auto:0.5 b=rules@1764000000000-000:0.5',
    )
    .action((name: string, arms: string[]) =>
      ctx.withServices(async (s) => {
        const parsed = arms.map((a) => {
          const m = /^([^=]+)=(?:rules@([0-9-]+)|([a-z_]+)):([0-9.]+)$/.exec(a);
          if (!m)
            return usageError(
              ctx,
              'Give each arm as name=strategy:share or name=rules@<version id>:share, e.g. a=auto:0.5.',
            );
          const share = Number(m[4]);
          return m[2] !== undefined
            ? { name: m[1]!, rulesVersion: m[2], share }
            : { name: m[1]!, strategy: m[3]! as never, share };
        });
        const r = await call(s, 'experiments.create', { name, arms: parsed });
        out(`started ${r.name}`, r);
      }),
    );
  ex.command('report')
    .argument('<name>')
    .action((name: string) =>
      ctx.withServices(async (s) => {
        const r = await call(s, 'experiments.report', { name });
        const ci = (c: [number, number] | null): string => (c ? ` [${c[0]}, ${c[1]}]` : '');
        const rows = r.arms.map(
          (a) =>
            `  ${a.arm} (${armWhat(a)}, ${a.share * 100} %): ${a.requests} requests, $${a.spendUsd}, ` +
            `latency ${a.meanLatencyMs ?? '–'} ms${ci(a.latencyMsCi)}, fallbacks ${a.fallbackRate ?? '–'}${ci(a.fallbackRateCi)}, ` +
            `vote wins ${a.voteWinRate ?? '–'}${ci(a.voteWinRateCi)} of ${a.votes}`,
        );
        out([`${r.experiment.name} (${r.experiment.status})`, ...rows].join('\n'), r);
      }),
    );
  for (const verb of ['stop', 'promote'] as const) {
    const c = ex.command(verb).argument('<name>');
    if (verb === 'promote') c.argument('<arm>');
    c.action((name: string, arm?: string) =>
      ctx.withServices(async (s) => {
        const r = await call(s, 'experiments.end', {
          name,
          promote: verb === 'promote' ? (arm ?? null) : null,
        });
        out(`${r.name}: ${r.status}${r.promotedArm ? ` (${r.promotedArm})` : ''}`, r);
      }),
    );
  }
}

/** What an arm tests, as the create command takes it. */
const armWhat = (a: { strategy: string | null; rulesVersion: string | null }): string =>
  a.rulesVersion !== null ? `rules@${a.rulesVersion}` : (a.strategy ?? '');
