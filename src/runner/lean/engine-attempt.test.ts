import { describe, expect, it } from 'vitest';
import { InputError } from '../../config/errors.ts';
import { fakeTarget } from '../test/scripted-attempts.ts';
import { chooseEngine } from './engine-attempt.ts';

const targets = [fakeTarget('a')];

describe('chooseEngine with multi-call cases', () => {
  it('refuses lean with a message naming the setting and what to use instead', () => {
    expect(() => chooseEngine({ engine: 'lean', load: true, targets, settingName: '--engine', multiCall: true })).toThrow(InputError);
    expect(() => chooseEngine({ engine: 'lean', load: true, targets, settingName: '--engine', multiCall: true })).toThrow(/--engine lean does not run multi-call cases .*Use --engine sdk \(or auto\)/s);
  });

  it('auto keeps the SDK engine for them, even under open-loop load, and says why', () => {
    expect(chooseEngine({ engine: 'auto', load: true, targets, settingName: '--engine', multiCall: true })).toEqual({ engine: 'sdk', reason: '--engine auto: multi-call cases (pipelines or conversations) run on the SDK engine' });
    expect(chooseEngine({ engine: 'auto', load: true, targets, settingName: '--engine' }).engine).toBe('lean');
  });
});
