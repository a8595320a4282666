import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { constantMockProfiles, startMockServer, type MockServer } from '../../src/mock/index.ts';
import { startHostileServer, type HostileServer } from '../support/hostile-server.ts';
import { runCli, type CliResult } from '../support/run-cli.ts';
import { testPrices, type makeWorkspace } from '../support/run-folder.ts';
import { erringReplies, hostileRunFiles, type Filler } from './hostile-run.ts';

export type Workspace = Awaited<ReturnType<typeof makeWorkspace>>;
export type Run = { files: ReturnType<typeof hostileRunFiles>; result: CliResult; report: string; servers: Array<MockServer | HostileServer> };

/**
 * A real run of 32 cases against 4 targets (3 simulated models answering from answer books, and a
 * server that refuses one case in four with an error message of its own), everything a report
 * shows filled with XSS payloads; then its report.html in Debian's chromium.
 */
export async function runWithFiller(workspace: Workspace, name: string, text: Filler): Promise<Run> {
  let files!: ReturnType<typeof hostileRunFiles>;
  const erring = await startHostileServer(erringReplies(() => files));
  // Placeholder URL first: the books' paths, not the server's URL, are what the profiles need.
  const draft = hostileRunFiles(text, 'http://127.0.0.1:1', erring.url);
  const folder = join(workspace.path, name);
  await mkdir(folder);
  const books = await Promise.all(draft.books.map((book, model) => workspace.write(`${name}/book-${model}.answers.jsonl`, book)));
  const mock = await startMockServer({
    cases: draft.cases.map((item) => ({ id: item.id, prompt: item.prompt, expected: item.expected })),
    profiles: constantMockProfiles(
      // Each model 3 times slower than the one before: every latency ratio is clear on a busy
      // machine too, so the comparison's verdicts (and their marks on the page) are the same in
      // the hostile run and its benign twin.
      ...['alpha', 'beta', 'gamma'].map((id, model) => ({ id, ttftMs: 30 * 3 ** model, tokensPerSecond: 1000 / 3 ** model, answer: { policy: 'book' as const, path: books[model]! } })),
    ),
  });
  files = hostileRunFiles(text, mock.url, erring.url);
  await workspace.write(`${name}/cases.jsonl`, files.dataset);
  await workspace.write(`${name}/eval.json`, files.evalFile);
  // Priced, so that cost has its figures and its chart its points.
  await workspace.write(`${name}/prices.yaml`, testPrices(['alpha', 'beta', 'gamma', 'delta']));
  const result = await runCli(
    ['run', '--config', 'eval.json', '--warmup', '0', '--retries', '0', '--max-error-rate', '1', '--concurrency', '4', '--prices', 'prices.yaml', '--out', 'out'],
    { cwd: folder, timeoutMs: 80_000 },
  );
  return { files, result, report: join(folder, 'out', 'report.html'), servers: [mock, erring] };
}

