import path from 'node:path';
import { runSettings, type RunSettingName } from '../config/settings/run-settings.ts';
import type { Case } from '../datasets/index.ts';
import { caseKey } from '../records/case-key.ts';
import type { ReportCase, RunDescription } from '../reports/report-input.ts';
import type { RunManifest } from './run-manifest.ts';

/** The settings a report's header names: those that shape the figures. */
const describedSettings: RunSettingName[] = ['repeats', 'concurrency', 'targetConcurrency', 'rate', 'warmup', 'retries', 'timeoutMs', 'temperature', 'maxTokens', 'maxCost', 'judge', 'baseline', 'seed'];

/**
 * What was run, as run.json records it: datasets, targets (no keys) and the settings that shape
 * the figures, by flag name. A dataset under `cwd` is named by its path from there: a page sent to
 * a team need not show the sender's folders.
 */
export function describeRun(manifest: Pick<RunManifest, 'datasets' | 'dataset' | 'targets' | 'settings' | 'identity' | 'definition'>, cwd?: string): RunDescription {
  const shown = (file: string) => {
    const relative = cwd === undefined ? file : path.relative(cwd, file);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  const datasets = (manifest.datasets ?? [{ name: '', ...manifest.dataset, sha256: '' }]).map(({ name, path: file, cases }) => ({ name, path: shown(file), cases }));
  const simulated = manifest.targets.some((target) => target.simulated);
  const settings: RunDescription['settings'] = {};
  for (const name of describedSettings) {
    const value = manifest.settings[name];
    // The seed shapes only the simulator's figures.
    if (name === 'seed' && !simulated) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[runSettings[name].flag] = value;
  }
  const targets = manifest.targets.map(({ label, kind, model, route, endpoint, simulated: isSimulated }) => ({
    // An OpenAI-compatible target's "route" is its base URL, the endpoint already shown.
    label, kind, model, ...(route !== undefined && route !== endpoint ? { route } : {}), endpoint, simulated: isSimulated,
  }));
  // A prompt is recorded as `label sha256`, or `default`.
  const prompts = (manifest.identity?.prompts ?? []).filter((prompt) => prompt !== 'default').map((prompt) => prompt.slice(0, prompt.lastIndexOf(' ')));
  const description = manifest.definition?.description;
  return { datasets, targets, settings, ...(prompts.length > 0 ? { prompts } : {}), ...(typeof description === 'string' && description !== '' ? { description } : {}) };
}

/** Whether each case has assertions, by caseKey: what decides whether it counts for the pass rate, answered or not. */
export function caseAssertionMap(cases: readonly Case[]): Map<string, boolean> {
  return new Map(cases.map((testCase) => [caseKey({ ...(testCase.dataset !== undefined ? { dataset: testCase.dataset } : {}), caseId: testCase.id }), testCase.assert.length > 0]));
}

/** Longest prompt or expected answer a report carries per case; results.jsonl and the dataset hold the whole. */
const shownCharacters = 2000;

/** The datasets' cases as reports list them, in their order, with the prompt as text. */
export function reportCases(cases: readonly Case[]): ReportCase[] {
  return cases.map((testCase) => ({
    ...(testCase.dataset !== undefined ? { dataset: testCase.dataset } : {}),
    caseId: testCase.id,
    prompt: cut(conversationText(testCase)),
    ...(testCase.expected !== undefined ? { expected: cut(testCase.expected) } : {}),
    ...(testCase.tags.length > 0 ? { tags: testCase.tags } : {}),
  }));
}

/** The system prompt and each turn, `role: text`; a single user turn is its text alone. */
function conversationText(testCase: Case): string {
  const turns = testCase.messages.map((message) => ({ role: message.role, text: messageText(message.content) }));
  if (testCase.system === undefined && turns.length === 1 && turns[0]!.role === 'user') return turns[0]!.text;
  const system = testCase.system === undefined ? [] : [`system: ${testCase.system}`];
  return [...system, ...turns.map(({ role, text }) => `${role}: ${text}`)].join('\n');
}

function messageText(content: Case['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join('\n');
}

const cut = (text: string) => (text.length > shownCharacters ? `${text.slice(0, shownCharacters)}…` : text);
