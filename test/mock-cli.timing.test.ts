// The simulator's schedule, measured in its own process: a timing test, run alone (see vitest.config.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockRequestRecord } from '../src/mock/index.ts';
import { mockCliSession } from './support/mock-cli.ts';

const mock = mockCliSession();
afterEach(() => mock.cleanUp());

describe('llm-bench mock, in its own process', () => {
  it('prints every base URL and model, serves on schedule in its own process, and stops on SIGTERM', async () => {
    const folder = await mock.folder();
    const profilesPath = join(folder, 'profiles.yaml');
    await writeFile(
      profilesPath,
      ['models:', '  - id: steady', '    ttftMs: { p50: 100, p90: 100 }', '    tokensPerSecond: 100', '    answer: { policy: fixed, text: "a b c d e f g h i j" }'].join('\n'),
    );
    const { url, output } = await mock.start(['--profiles', profilesPath, '--seed', '3']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.join('\n')).toContain(`OpenAI-compatible: ${url}/v1`);
    expect(output.join('\n')).toContain(`AI_GATEWAY_BASE_URL=${url}/v4/ai`);
    expect(output.join('\n')).toContain('steady');

    const body = JSON.stringify({ model: 'steady', messages: [{ role: 'user', content: 'x' }], stream: true });
    await Promise.all(
      Array.from({ length: 50 }, async () => (await fetch(`${url}/v1/chat/completions`, { method: 'POST', body })).text()),
    );
    const records: MockRequestRecord[] = await (await fetch(`${url}/__mock/requests`)).json();
    expect(records).toHaveLength(50);
    const slips = records.flatMap((record) => record.chunkTimes.map((time, index) => time - record.plannedChunkTimes[index]!));
    expect(slips).toHaveLength(500);
    slips.sort((left, right) => left - right);
    const laterBest = Math.min(...records.map((record) => Math.min(...record.chunkTimes.slice(5).map((time, index) => time - record.plannedChunkTimes[index + 5]!))));
    console.log(
      `mock process, 50 streams: slip smallest ${slips[0]!.toFixed(3)}, median ${slips[slips.length >> 1]!.toFixed(3)}, largest ${slips.at(-1)!.toFixed(3)} ms; best of the later halves ${laterBest.toFixed(3)} ms`,
    );
    // Never early. Late by however long the process waited for a core, which on a busy machine is
    // tens of milliseconds for many chunks (bench/mock-throughput.ts measures it on a quiet one);
    // but not late on every chunk, as a drifting schedule would be by the later ones.
    expect(slips[0]).toBeGreaterThanOrEqual(0);
    expect(laterBest).toBeLessThan(10);

    const exited = new Promise<number | null>((resolve) => mock.child.once('exit', resolve));
    mock.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

});
