import { settingName } from '../config/settings/eval-settings.ts';
import { InputError } from '../config/errors.ts';
import type { AttemptRecord } from '../records/index.ts';
import type { RunManifest } from './run-manifest.ts';

/** One shard's run folder as merge reads it. */
export type ShardRun = { folder: string; manifest: RunManifest; records: AttemptRecord[]; droppedTornLine: boolean };

const named = (run: ShardRun) => (run.manifest.shard ? `${run.folder} (shard ${run.manifest.shard.index}/${run.manifest.shard.count})` : run.folder);

/**
 * The shards of one plan, by index, or an InputError naming the folder and what is wrong: a folder
 * that is no shard, a shard still running, shards of different N or of different definitions, a
 * shard given twice or one missing.
 */
export function checkShards(runs: readonly ShardRun[]): ShardRun[] {
  for (const run of runs) {
    if (!run.manifest.shard) throw new InputError(`merge ${run.folder}: not a shard's run folder (its run.json names no shard); merge joins the folders of runs made with --shard K/N`);
    if (run.manifest.status === 'running') {
      throw new InputError(
        `merge ${named(run)}: still running (its run.json says so); wait for it to end. A shard that was killed stays "running": complete it first with llm-bench run --resume ${run.folder}`,
      );
    }
  }
  const sorted = runs.toSorted((left, right) => left.manifest.shard!.index - right.manifest.shard!.index);
  const first = sorted[0];
  if (!first) throw new InputError('merge: name the run folders of the shards to join');
  const count = first.manifest.shard!.count;
  for (const run of sorted) {
    if (run.manifest.shard!.count !== count) throw new InputError(`merge ${named(run)}: ${named(first)} splits its plan into ${count} shards, not ${run.manifest.shard!.count}; the shards of one plan share their N`);
    const differences = definitionDifferences(first.manifest, run.manifest);
    if (differences.length > 0) throw new InputError(`merge ${named(run)}: not a shard of the same plan as ${named(first)}: ${differences.join(', ')} differ`);
  }
  for (const [position, run] of sorted.entries()) {
    const previous = sorted[position - 1];
    if (previous && previous.manifest.shard!.index === run.manifest.shard!.index) throw new InputError(`merge: ${previous.folder} and ${run.folder} are both shard ${run.manifest.shard!.index}/${count}; give each shard once`);
  }
  const given = new Set(sorted.map((run) => run.manifest.shard!.index));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !given.has(index));
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    throw new InputError(`merge: shard${missing.length === 1 ? '' : 's'} ${list} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing; give the run folders of all ${count} shards`);
  }
  return sorted;
}

/** What makes two shards parts of different plans: the identity (the shard aside), and the datasets' cases. */
export function definitionDifferences(first: RunManifest, other: RunManifest): string[] {
  const { shard: _first, ...identity } = first.identity as RunManifest['identity'] & { shard?: unknown };
  const { shard: _other, ...otherIdentity } = other.identity as RunManifest['identity'] & { shard?: unknown };
  const keys = [...new Set([...Object.keys(identity), ...Object.keys(otherIdentity)])];
  const differences = keys
    .filter((key) => JSON.stringify((identity as Record<string, unknown>)[key]) !== JSON.stringify((otherIdentity as Record<string, unknown>)[key]))
    .map((key) => (key === 'datasetSha256' ? "the datasets' files" : key));
  // Kept settings (a resume may change them) that still make the shards one plan's: the schedule
  // is drawn over the whole plan from the seed and the arrival settings, and goodput is judged by the SLO.
  for (const name of planSettings) {
    const shown = (manifest: RunManifest) => JSON.stringify((manifest.settings as Record<string, unknown>)[name] ?? null);
    if (shown(first) !== shown(other)) differences.push(settingName(name));
  }
  const cases = (manifest: RunManifest) => JSON.stringify(manifest.datasets.map((dataset) => [dataset.name, dataset.sha256, dataset.caseHashes ?? null]));
  if (cases(first) !== cases(other) && !differences.includes("the datasets' files")) differences.push("the datasets' cases (names or case hashes)");
  return differences;
}

const planSettings = ['seed', 'rate', 'arrival', 'burstiness', 'rampUpSeconds', 'slo'] as const;
