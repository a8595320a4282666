import { InputError } from '../config/errors.ts';
import { limits } from '../config/limits.ts';
import type { Case } from '../datasets/case.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';
import type { Target } from '../targets/index.ts';

/** One slot of the plan: a case sent to a target, for one repeat. Retries stay in the slot. */
export type PlannedRequest = {
  testCase: Case;
  target: Target;
  prompt: string;
  repeat: number;
  /**
   * Its place in the whole plan (0-based), before a resume or a shard leaves slots out: the
   * arrival schedule is drawn over the whole plan, so a slot keeps its scheduled time wherever it runs.
   */
  order?: number;
  /** When resuming a slot that was tried before: the number of its next attempt. */
  firstAttempt?: number;
  /**
   * Resuming a multi-call case: its steps' records from the earlier sessions. A step with a final
   * answer there is not sent again (its answer feeds the rest); another's attempts are numbered on.
   */
  earlierSteps?: AttemptRecord[];
};

export type Plan = { requests: PlannedRequest[]; targets: Target[] };

/** A prompt variant: the same cases, asked another way (`--prompt FILE`). */
export type PromptVariantLike = { label: string; apply(testCase: Case): Case };

/**
 * Cases × prompt variants × targets × repeats, interleaved: repeat-major, then case, with the
 * order of (variant, target) pairs rotated from one case to the next, so every target and
 * variant is measured all through the run rather than only at its start (cold) or its end
 * (when other targets' load has moved on). The cases of several datasets come in the order given
 * (each case carries its dataset); the plan treats them as one list.
 */
export function planRun(input: { cases: Case[]; targets: Target[]; repeats: number; variants?: PromptVariantLike[] }): Plan {
  assertPlanSize({
    cases: input.cases.length,
    datasets: new Set(input.cases.map((testCase) => testCase.dataset)).size,
    targets: input.targets.length,
    prompts: input.variants?.length || 1,
    repeats: input.repeats,
  });
  const variants: PromptVariantLike[] = input.variants?.length ? input.variants : [{ label: 'default', apply: (testCase) => testCase }];
  const pairs = variants.flatMap((variant) => input.targets.map((target) => ({ variant, target })));
  const requests: PlannedRequest[] = [];
  let turn = 0;
  for (let repeat = 1; repeat <= input.repeats; repeat++) {
    for (const testCase of input.cases) {
      const asked = new Map(variants.map((variant) => [variant.label, variant.apply(testCase)]));
      for (let index = 0; index < pairs.length; index++) {
        const pair = pairs[(index + turn) % pairs.length];
        const variantCase = pair ? asked.get(pair.variant.label) : undefined;
        if (pair && variantCase) requests.push({ testCase: variantCase, target: pair.target, prompt: pair.variant.label, repeat, order: requests.length });
      }
      turn++;
    }
  }
  return { requests, targets: input.targets };
}

/**
 * Refuses a plan larger than `limits.plannedRequests` before it is built: each planned request is
 * held in memory, so `--repeats 1000000000` once took 4 GB and never sent a thing. The message
 * names what the size is made of and the flags that set it.
 */
export function assertPlanSize(
  size: { cases: number; datasets?: number; targets: number; prompts: number; repeats: number },
  /** How the settings that set the size are named where they were given: flags by default, or an eval file's keys. */
  names: { targets: string; prompts: string; repeats: string } = { targets: '--target', prompts: '--prompt', repeats: '--repeats' },
): void {
  const total = size.cases * size.targets * size.prompts * size.repeats;
  if (total <= limits.plannedRequests.maximum) return;
  const count = (value: number, one: string, many: string) => `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
  const datasets = size.datasets ?? 1;
  const source = datasets > 1 ? `the ${count(datasets, 'dataset', 'datasets')}` : 'the dataset';
  throw new InputError(
    `The run would send ${total.toLocaleString('en-US')} requests: ${count(size.cases, 'case', 'cases')} (${source}) × ` +
      `${count(size.targets, 'target', 'targets')} (${names.targets}) × ${count(size.prompts, 'prompt', 'prompts')} (${names.prompts}) × ` +
      `${count(size.repeats, 'repeat', 'repeats')} (${names.repeats}); at most ${limits.plannedRequests.maximum.toLocaleString('en-US')} are allowed. ` +
      `Use fewer repeats, targets or prompts, or ${datasets > 1 ? 'fewer or smaller datasets' : 'split the dataset'}.`,
  );
}
