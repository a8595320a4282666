import type { Case } from '../datasets/case.ts';
import { slotKey } from '../records/index.ts';
import { planRun, type PromptVariantLike } from '../runner/plan-run.ts';
import type { Target } from '../targets/index.ts';
import type { RunManifest } from './run-manifest.ts';

/**
 * Each slot's place in the whole plan, by slot key, from what run.json recorded: the datasets'
 * case ids in order, the targets' labels and the prompts. Planned by planRun itself, so the order
 * is the one a run (and --shard) used, by construction.
 */
export function planOrderOf(manifest: RunManifest): Map<string, number> {
  const several = manifest.datasets.length > 1;
  // A single dataset's records carry no dataset name; several datasets' each carry theirs (see load-eval-inputs).
  const cases = manifest.datasets.flatMap((dataset) =>
    Object.keys(dataset.caseHashes ?? {}).map((id) => ({ id, ...(several ? { dataset: dataset.name } : {}) }) as Case),
  );
  const targets = manifest.targets.map((target) => ({ label: target.label }) as Target);
  const prompts = promptLabels(manifest);
  const variants: PromptVariantLike[] = prompts.length === 1 && prompts[0] === 'default' ? [] : prompts.map((label) => ({ label, apply: (testCase) => testCase }));
  const plan = planRun({ cases, targets, repeats: manifest.identity.repeats, variants });
  return new Map(plan.requests.map((request, position) => [slotKey({ dataset: request.testCase.dataset, caseId: request.testCase.id, target: request.target.label, prompt: request.prompt, repeat: request.repeat }), request.order ?? position]));
}

/** A prompt is recorded in the identity as `label sha256`, or `default`. */
export function promptLabels(manifest: RunManifest): string[] {
  return manifest.identity.prompts.map((prompt) => (prompt === 'default' ? prompt : prompt.slice(0, prompt.lastIndexOf(' '))));
}
