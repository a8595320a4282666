import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));

it("runs under Node's --permission without --allow-child-process: the launcher does not re-exec itself for its heap flag there", async () => {
  const folder = await mkdtemp(join(tmpdir(), 'launcher-permission-'));
  try {
    const result = spawnSync(process.execPath, ['--permission', '--allow-fs-read=*', '--allow-fs-write=*', '--allow-worker', launcher, 'report', folder], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr).not.toContain('ERR_ACCESS_DENIED');
    expect(result.stderr).toContain(`llm-bench: report ${folder}: cannot read ${join(folder, 'run.json')}; is it an llm-bench run folder?`);
    expect(result.status).toBe(2);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
