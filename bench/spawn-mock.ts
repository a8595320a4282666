import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeUnder } from '../test/support/separate-cores.ts';
import type { MockProfilesInput } from '../src/config/mock-profile-schema.ts';
import type { MockRequestRecord } from '../src/mock/index.ts';

export type SpawnedMock = {
  url: string;
  /** The simulator's ground truth, in arrival order. */
  requests(): Promise<MockRequestRecord[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts `llm-bench mock` on 127.0.0.1 in its own process: the simulator's clock and event loop
 * must not share a core's time slices with whatever this process is measuring.
 */
export async function spawnMock(profiles: MockProfilesInput, options: { launcher?: string[] } = {}): Promise<SpawnedMock> {
  const folder = await mkdtemp(join(tmpdir(), 'llm-bench-bench-'));
  const profilesPath = join(folder, 'profiles.json');
  await writeFile(profilesPath, JSON.stringify(profiles));
  const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
  const server = spawn(...nodeUnder(options.launcher, [main, 'mock', '--host', '127.0.0.1', '--port', '0', '--profiles', profilesPath]), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`llm-bench mock exited before listening (code ${server.exitCode})`)));
  });
  return {
    url,
    requests: async () => (await fetch(`${url}/__mock/requests`)).json() as Promise<MockRequestRecord[]>,
    clearRequests: async () => void (await fetch(`${url}/__mock/requests`, { method: 'DELETE' })),
    close: async () => {
      server.kill('SIGTERM');
      await exited;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
