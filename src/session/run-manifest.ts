import type { HarnessCheck } from '../records/harness-check.ts';
import type { ReportTarget } from '../reports/report-input.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { cpus, totalmem, hostname, platform, arch, release } from 'node:os';
import type { Target } from '../targets/index.ts';
import type { PreviousRun, RunIdentity } from './run-folder.ts';
import type { EvalDefinition } from '../config/eval-definition.ts';
import { definitionOfSettings, settingsOfDefinition, type EvalSettings } from '../config/settings/eval-settings.ts';
import { resolveDefinitionPaths } from '../config/resolve-definition-paths.ts';
import { redactDeep } from '../runner/index.ts';
import { caseHash, type CaseContent } from '../records/case-hash.ts';
import { parseShard } from '../runner/shard-plan.ts';

/** `run.json`: everything needed to know what a run was, and to reproduce it. */
export type RunManifest = {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'completed' | 'incomplete';
  arguments: string[];
  /** The eval as it was resolved (file, flags and defaults), keys redacted: what `--resume` reads back. */
  definition: EvalDefinition;
  /** The same settings, flat by name (`report` reads the baseline from here). */
  settings: Partial<EvalSettings>;
  /** The target specs, to resume with (and for older readers). */
  targetSpecs: string[];
  /** What decides the results, and its hash: a resume with a different one is refused. */
  identity: RunIdentity;
  configHash: string;
  /** One entry per `--resume`. */
  resumes?: Array<{ at: string; arguments: string[]; droppedTornLine: boolean; slotsAlreadyDone: number; forced: boolean }>;
  /** The first dataset, or with several: the first's path, their combined hash, all their cases. */
  dataset: { path: string; sha256: string; cases: number };
  datasets: Array<{
    name: string;
    path: string;
    sha256: string;
    cases: number;
    /**
     * Each case's content hash by case id, in the dataset's order (see caseHash): what `compare`
     * checks before it pairs a case with another run's. Absent in run.json files written before case hashes were recorded.
     */
    caseHashes?: Record<string, string>;
  }>;
  /** As reports describe them (the endpoint is the base URL, an overriding environment variable included), with their price. */
  targets: Array<ReportTarget & { price?: { input: number; output: number; cachedInput?: number; source: string; asOf: string } }>;
  versions: Record<string, string>;
  machine: { hostname: string; platform: string; release: string; arch: string; cpus: number; cpuModel: string; memoryGiB: number };
  /** Targets stopped before their last request (auth, quota, circuit breaker). */
  stoppedTargets?: Array<{ target: string; reason: string }>;
  /** Scheduling stopped at --max-cost. */
  budgetReached?: boolean;
  /** What the warm-up requests of every session cost (they have no line in results.jsonl). */
  warmupCostUsd?: number;
  /** The engine that sent the last session's requests (sdk or lean), and why (`--engine auto` says what it chose). */
  engine?: { engine: 'sdk' | 'lean'; reason: string };
  /** The harness's check on itself over the last session of the run (see HarnessCheck). */
  harness?: HarnessCheck;
  /** Open loop: the wall-clock time (ISO) of the arrival schedule's zero; records' `schedule` counts from it (merge keeps each shard's). */
  scheduleStartedAt?: string;
  results?: { attempts: number; slots: number; ok: number; errors: number };
  /** `--shard K/N`: this folder holds shard `index` of `count` of the plan (see llm-bench merge). */
  shard?: { index: number; count: number };
  /**
   * A merged run (llm-bench merge): the shards it was joined from, by index. `offsetMs` is how
   * much later the shard's arrival schedule started than the earliest shard's: its records'
   * `schedule` times were shifted by it onto the earliest's clock (this run's scheduleStartedAt).
   */
  shards?: Array<{ index: number; folder: string; runId: string; status: RunManifest['status']; scheduleStartedAt?: string; offsetMs?: number; harness?: HarnessCheck }>;
};

const trackedPackages = [
  'ai',
  '@ai-sdk/openai',
  '@ai-sdk/azure',
  '@ai-sdk/anthropic',
  '@ai-sdk/openai-compatible',
  '@ai-sdk/gateway',
  'p-queue',
  'zod',
];

export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  versions['llm-bench'] = readVersion(new URL('../../package.json', import.meta.url));
  for (const name of trackedPackages) versions[name] = installedVersion(name);
  return versions;
}

const readVersion = (path: string | URL) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;

/**
 * Looked up where Node would find the package: in an installed llm-bench its dependencies sit
 * beside it, not inside it. Not through `require('<name>/package.json')`, which a package's
 * `exports` may refuse (p-queue's does).
 */
function installedVersion(name: string): string {
  for (const folder of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    try {
      return readVersion(join(folder, name, 'package.json'));
    } catch {
      // Not in this folder: try the next one up.
    }
  }
  return 'unknown';
}

export function describeTargets(targets: Target[]): RunManifest['targets'] {
  return targets.map((target) => ({
    label: target.label,
    kind: target.spec.kind,
    model: target.spec.modelId,
    ...(target.spec.baseURL ? { route: target.spec.baseURL } : {}),
    ...(target.spec.providerOrder ? { route: target.spec.providerOrder.join(',') } : {}),
    endpoint: target.endpoint,
    simulated: target.simulated,
    ...(target.price
      ? {
          price: {
            input: target.price.input,
            output: target.price.output,
            ...(target.price.cached_input !== undefined ? { cachedInput: target.price.cached_input } : {}),
            source: target.price.source,
            asOf: target.price.as_of,
          },
        }
      : {}),
  }));
}

export function describeMachine(): RunManifest['machine'] {
  const processors = cpus();
  return {
    hostname: hostname(),
    platform: platform(),
    release: release(),
    arch: arch(),
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** run.json as a run starts (or resumes): what was asked, of what, where and with which versions. */
export function buildManifest(input: {
  settings: EvalSettings;
  /** The engine that sends this session's requests, and why. */
  engine?: { engine: 'sdk' | 'lean'; reason: string };
  /** Where relative paths in the settings were read from. */
  cwd: string;
  force: boolean;
  argv: string[];
  previous: PreviousRun | undefined;
  folder: string;
  datasets: Array<{ name: string; path: string; hash: string; cases: Array<CaseContent & { id: string }> }>;
  datasetsHash: string;
  targets: Target[];
  identity: RunIdentity;
  configHash: string;
  redact: (text: string) => string;
  slotsAlreadyDone: number;
}): RunManifest {
  const { previous, redact } = input;
  // Every path absolute, so that a resume or a report from another folder reads the same files.
  const settings = redactDeep(settingsOfDefinition(resolveDefinitionPaths(definitionOfSettings(input.settings), input.cwd)), redact) as EvalSettings;
  const cases = input.datasets.reduce((sum, dataset) => sum + dataset.cases.length, 0);
  const argumentsGiven = input.argv.map(redact);
  const base = previous?.manifest;
  return {
    runId: base?.runId ?? input.folder.split(/[\\/]/).at(-1) ?? 'run',
    startedAt: base?.startedAt ?? new Date().toISOString(),
    status: 'running',
    arguments: base?.arguments ?? argumentsGiven,
    definition: definitionOfSettings(settings),
    settings,
    ...(input.engine ? { engine: input.engine } : {}),
    targetSpecs: input.settings.targets.map((entry) => redact(entry.target)),
    identity: input.identity,
    configHash: input.configHash,
    dataset: { path: input.datasets[0] ? resolve(input.cwd, input.datasets[0].path) : '', sha256: input.datasetsHash, cases },
    datasets: input.datasets.map((dataset) => ({
      name: dataset.name,
      path: resolve(input.cwd, dataset.path),
      sha256: dataset.hash,
      cases: dataset.cases.length,
      caseHashes: caseHashesOf(dataset.cases, base?.datasets?.find((before) => before.name === dataset.name)?.caseHashes),
    })),
    // Every text of a target description, redacted: a key can sit in a base URL's path (the route too).
    targets: redactDeep(describeTargets(input.targets), redact),
    versions: packageVersions(),
    machine: describeMachine(),
    // Checked when the run was prepared; recorded apart so that a merge need not parse settings.
    ...(input.settings.shard !== undefined ? { shard: parseShard(input.settings.shard) } : {}),
    ...(base?.warmupCostUsd !== undefined ? { warmupCostUsd: base.warmupCostUsd } : {}),
    ...(previous
      ? {
          resumes: [
            ...(base?.resumes ?? []),
            {
              at: new Date().toISOString(),
              arguments: argumentsGiven,
              droppedTornLine: previous.droppedTornLine,
              slotsAlreadyDone: input.slotsAlreadyDone,
              forced: input.force && base?.configHash !== input.configHash,
            },
          ],
        }
      : {}),
  };
}

/**
 * Case id → content hash, in the dataset's order. A resume keeps the hashes its run recorded
 * first: the dataset is part of the run's identity, so they are the same unless the resume was
 * forced past a changed dataset, and then they describe the content the first records answered.
 * Built with fromEntries so that a case id `__proto__` is a key like any other.
 */
function caseHashesOf(cases: Array<CaseContent & { id: string }>, recorded: Record<string, string> | undefined): Record<string, string> {
  const kept = (id: string) => (recorded && Object.hasOwn(recorded, id) && typeof recorded[id] === 'string' ? recorded[id] : undefined);
  return Object.fromEntries(cases.map((testCase) => [testCase.id, kept(testCase.id) ?? caseHash(testCase)]));
}
