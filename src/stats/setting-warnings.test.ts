import { describe, expect, it } from 'vitest';
import { settingWarnings, type AnswerSettings } from './setting-warnings.ts';

const hash = (letter: string) => letter.repeat(64);

function settings(overrides: Partial<AnswerSettings> = {}): AnswerSettings {
  return {
    temperature: 0,
    maxTokens: 256,
    judge: 'openai:gpt-4o',
    targets: [
      { label: 'mini', model: 'gpt-4o-mini', endpoint: 'https://api.openai.com/v1', simulated: false },
      { label: 'sim', model: 'gpt-4o', endpoint: 'http://127.0.0.1:4000/v1', simulated: true },
    ],
    prompts: new Map([
      ['default', undefined],
      ['terse', hash('a')],
    ]),
    ...overrides,
  };
}

const same = (target: string, prompt = 'default') => ({ base: { target, prompt }, current: { target, prompt } });

describe('settingWarnings', () => {
  it('says nothing for two runs sent alike, nor when a side does not say', () => {
    expect(settingWarnings(settings(), settings(), [same('mini'), same('sim', 'terse')])).toEqual([]);
    expect(settingWarnings(undefined, settings({ temperature: 1 }), [same('mini')])).toEqual([]);
  });

  it('names temperature, max tokens and the judge when they differ, a setting left out as not set', () => {
    const { temperature: _temperature, ...unset } = settings();
    const warnings = settingWarnings(settings(), { ...unset, maxTokens: 1024, judge: 'openai:gpt-4o-mini' }, [same('mini')]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'temperature 0 in the base, not set in the current run',
      'max tokens 256 in the base, 1024 in the current run',
      'judge openai:gpt-4o in the base, openai:gpt-4o-mini in the current run',
    ]);
    expect(warnings[0]).toMatchObject({ setting: 'temperature', base: '0', current: null });
  });

  it("names a target's model, route and endpoint under the same label, once however many prompts it ran", () => {
    const current = settings({
      targets: [
        { label: 'mini', model: 'gpt-4o-mini-2025', route: 'azure,openai', endpoint: 'https://proxy.example/v1', simulated: false },
        { label: 'sim', model: 'gpt-4o', endpoint: 'http://127.0.0.1:5123/v1', simulated: true },
      ],
    });
    const warnings = settingWarnings(settings(), current, [same('mini'), same('mini', 'terse'), same('sim')]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'target mini: model gpt-4o-mini in the base, gpt-4o-mini-2025 in the current run',
      'target mini: route not set in the base, azure,openai in the current run',
      'target mini: endpoint https://api.openai.com/v1 in the base, https://proxy.example/v1 in the current run',
    ]);
    expect(warnings[0]).toMatchObject({ setting: 'model', target: 'mini' });
  });

  it('does not warn about targets paired across labels, a switch the user chose', () => {
    const current = settings({ targets: [{ label: 'azure-mini', model: 'gpt-4o-mini-azure', endpoint: 'https://azure.example/v1', simulated: false }] });
    expect(settingWarnings(settings(), current, [{ base: { target: 'mini', prompt: 'default' }, current: { target: 'azure-mini', prompt: 'default' } }])).toEqual([]);
  });

  it('says when the simulator answered on one side only', () => {
    const current = settings({ targets: [{ label: 'mini', model: 'gpt-4o-mini', endpoint: 'http://127.0.0.1:4000/v1', simulated: true }] });
    expect(settingWarnings(settings(), current, [same('mini')]).map((warning) => warning.setting)).toEqual(['endpoint', 'simulated']);
  });

  it("names a prompt variant whose text changed under the same label, not the cases' own prompt", () => {
    const current = settings({ prompts: new Map([['default', undefined], ['terse', hash('b')]]) });
    expect(settingWarnings(settings(), current, [same('mini', 'terse'), same('mini')])).toEqual([
      { setting: 'prompt', prompt: 'terse', base: hash('a'), current: hash('b'), message: 'prompt variant terse: its text changed between the runs' },
    ]);
  });
});
