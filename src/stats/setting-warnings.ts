/** What a run was sent with that changes its answers, as run.json records it. */
export type AnswerSettings = {
  temperature?: number;
  maxTokens?: number;
  /** The judge target of llm-judge assertions that name none. */
  judge?: string;
  targets: ReadonlyArray<{ label: string; model: string; route?: string; endpoint?: string; simulated: boolean }>;
  /** Prompt variant label → the sha256 of its text; `default` (the cases' own prompt) has none. */
  prompts: ReadonlyMap<string, string | undefined>;
};

export type SettingWarning = {
  setting: 'temperature' | 'maxTokens' | 'judge' | 'model' | 'route' | 'endpoint' | 'simulated' | 'prompt' | 'dataset';
  /** The target label (model, route, endpoint, simulated) or prompt label (prompt) it is about. */
  target?: string;
  prompt?: string;
  /** The value in each run; null when the run did not set it. */
  base?: string | null;
  current?: string | null;
  /** One line for a human, without punctuation at the end. */
  message: string;
};

type TargetPrompt = { target: string; prompt: string };

/**
 * The settings in which two compared runs differ and that change answers, so that a difference
 * `compare` finds may not be the change the user made: temperature, max tokens, the judge; for a
 * target compared under the same label, its model, route, endpoint (not between two simulator
 * runs, whose port is new each time) and whether the simulator answered; for a prompt variant
 * compared under the same label, its text. Targets paired across labels (one each side) are a
 * chosen switch, not a surprise, and are not warned about. Nothing when a side does not say (a
 * run.json from before these were recorded, or a run's own plan in its gates).
 */
export function settingWarnings(base: AnswerSettings | undefined, current: AnswerSettings | undefined, matched: ReadonlyArray<{ base: TargetPrompt; current: TargetPrompt }>): SettingWarning[] {
  if (!base || !current) return [];
  const warnings: SettingWarning[] = [];
  const runWide = [
    ['temperature', 'temperature', base.temperature, current.temperature],
    ['maxTokens', 'max tokens', base.maxTokens, current.maxTokens],
    ['judge', 'judge', base.judge, current.judge],
  ] as const;
  for (const [setting, name, before, after] of runWide) {
    if (before === after) continue;
    const [shownBefore, shownAfter] = [shown(before), shown(after)];
    warnings.push({ setting, base: shownBefore, current: shownAfter, message: `${name} ${valueText(shownBefore)} in the base, ${valueText(shownAfter)} in the current run` });
  }
  const targetsSeen = new Set<string>();
  const promptsSeen = new Set<string>();
  for (const pair of matched) {
    if (pair.base.target === pair.current.target && !targetsSeen.has(pair.current.target)) {
      targetsSeen.add(pair.current.target);
      warnings.push(...targetWarnings(pair.current.target, base, current));
    }
    if (pair.base.prompt === pair.current.prompt && !promptsSeen.has(pair.current.prompt)) {
      promptsSeen.add(pair.current.prompt);
      const [before, after] = [base.prompts.get(pair.base.prompt), current.prompts.get(pair.current.prompt)];
      if (before !== undefined && after !== undefined && before !== after) {
        warnings.push({ setting: 'prompt', prompt: pair.current.prompt, base: before, current: after, message: `prompt variant ${pair.current.prompt}: its text changed between the runs` });
      }
    }
  }
  return warnings;
}

function targetWarnings(label: string, base: AnswerSettings, current: AnswerSettings): SettingWarning[] {
  const [before, after] = [base.targets.find((target) => target.label === label), current.targets.find((target) => target.label === label)];
  if (!before || !after) return [];
  const warnings: SettingWarning[] = [];
  const differs = (setting: 'model' | 'route' | 'endpoint', name: string) => {
    const [shownBefore, shownAfter] = [shown(before[setting]), shown(after[setting])];
    if (shownBefore === shownAfter) return;
    warnings.push({ setting, target: label, base: shownBefore, current: shownAfter, message: `target ${label}: ${name} ${valueText(shownBefore)} in the base, ${valueText(shownAfter)} in the current run` });
  };
  differs('model', 'model');
  differs('route', 'route');
  if (!(before.simulated && after.simulated)) differs('endpoint', 'endpoint');
  if (before.simulated !== after.simulated) {
    const what = (simulated: boolean) => (simulated ? 'the simulator' : 'the real endpoint');
    warnings.push({ setting: 'simulated', target: label, base: String(before.simulated), current: String(after.simulated), message: `target ${label}: answered by ${what(before.simulated)} in the base, by ${what(after.simulated)} in the current run` });
  }
  return warnings;
}

const shown = (value: string | number | undefined): string | null => (value === undefined ? null : String(value));

const valueText = (value: string | null) => (value === null ? 'not set' : value);
