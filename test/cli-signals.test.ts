import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstRequest, startInBackground, type BackgroundCli } from './support/background-cli.ts';
import { descendants, killAll, portIsFree, processTree, waitUntilEnded, type ProcessIdentity } from './support/process-tree.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/**
 * SIGTERM and SIGHUP go to npm alone (`kill $!`). SIGINT goes to the job's process group, as
 * Ctrl-C or `kill -INT %1` sends it: sent to npm alone it ends nothing at all, not even npm,
 * since npm passes it to its `sh -c`, and a shell waiting on a command defers a SIGINT until that
 * command ends (it takes the terminal to have sent it to the command too).
 */
const deliveries = [
  { signal: 'SIGTERM', to: 'npm' },
  { signal: 'SIGHUP', to: 'npm' },
  { signal: 'SIGINT', to: 'job' },
] as const;
type Delivery = (typeof deliveries)[number];
// Generous, for a busy 2-core machine: npx alone takes a second or two to start the CLI.
const startTimeoutMs = 60_000;
const endTimeoutMs = 20_000;

/**
 * `npx llm-bench <command> &` in a terminal, then a signal. npm runs the CLI through `sh -c`;
 * every process below npm must end with it, and a port the CLI listened on must be free. (Before,
 * on `kill $!`, npm passed SIGTERM to the shell only, and the CLI lived on under PID 1.)
 */
describe('a backgrounded `npx llm-bench` ends, with every process it started, on its own signal', () => {
  let started: { cli: BackgroundCli; tree: ProcessIdentity[] } | undefined;
  let hanging: Server;
  let hangingUrl: string;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

  beforeAll(async () => {
    // A server that takes requests and never answers: a run stays busy until it is stopped.
    hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    workspace = await makeWorkspace();
  });

  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
    await workspace.remove();
  });

  afterEach(() => {
    if (started) {
      killAll([...started.tree, ...descendants(started.cli.child.pid!)]);
      started.cli.child.kill('SIGKILL');
    }
    started = undefined;
  });

  /** Starts `npx llm-bench …args` and, once `ready` resolves, takes note of the processes below npx. */
  async function startNpx<T>(args: string[], ready: (cli: BackgroundCli) => Promise<T>): Promise<{ cli: BackgroundCli; ready: T; tree: ProcessIdentity[] }> {
    const cli = startInBackground('npx', ['llm-bench', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
      // A job of its own, as a shell with job control starts `… &`.
      detached: true,
    });
    started = { cli, tree: [] };
    const result = await ready(cli);
    const tree = processTree(cli.child.pid!);
    started.tree = tree;
    // npm, the shell it runs us through, and the CLI's own node.
    expect(tree.some((entry) => /node .*llm-bench/.test(entry.title)), JSON.stringify(tree)).toBe(true);
    return { cli, ready: result, tree };
  }

  const printed = (pattern: RegExp) => (cli: BackgroundCli) => cli.waitFor(pattern, startTimeoutMs);

  function send(cli: BackgroundCli, { signal, to }: Delivery): void {
    process.kill(to === 'npm' ? cli.child.pid! : -cli.child.pid!, signal);
  }

  async function expectAllEnded(cli: BackgroundCli, tree: ProcessIdentity[]): Promise<void> {
    const running = await waitUntilEnded(tree, endTimeoutMs);
    expect(running, `still running ${endTimeoutMs} ms after the signal:\n${cli.output()}`).toEqual([]);
    await cli.closed;
  }

  it.each(deliveries)('mock, on $signal to $to: its port is free and no process is left', async (delivery) => {
    const { cli, ready, tree } = await startNpx(['mock', '--port', '0'], printed(/listening on http:\/\/127\.0\.0\.1:(\d+)/));
    const port = Number(ready[1]);
    expect(await portIsFree(port)).toBe(false);
    send(cli, delivery);
    await expectAllEnded(cli, tree);
    expect(await portIsFree(port)).toBe(true);
    expect(cli.output()).toContain('llm-bench mock: stopped');
  }, 120_000);

  it.each(deliveries)('demo, on $signal to $to: its simulator\'s port is free and no process is left', async (delivery) => {
    // Low concurrency and repeats: still running when the signal comes.
    const { cli, ready, tree } = await startNpx(
      ['demo', '--concurrency', '1', '--repeats', '5', '--out', `${workspace.path}/demo-${delivery.signal}`],
      printed(/Simulator on http:\/\/127\.0\.0\.1:(\d+)/),
    );
    const port = Number(ready[1]);
    send(cli, delivery);
    await expectAllEnded(cli, tree);
    expect(await portIsFree(port)).toBe(true);
  }, 120_000);

  it.each(deliveries)('run, on $signal to $to: it drains, and no process is left', async (delivery) => {
    const dataset = await workspace.write('cases.jsonl', jsonl([{ id: 'one', prompt: 'Say hi.', expected: 'hi' }]));
    const folder = `${workspace.path}/run-${delivery.signal}`;
    const { cli, tree } = await startNpx(
      ['run', '-d', dataset, '-t', `openai-compatible:slow@${hangingUrl}/v1`, '--warmup', '0', '--drain-seconds', '1', '--out', folder],
      // Busy: its request is in flight.
      (cli) => firstRequest(cli, hanging),
    );
    send(cli, delivery);
    await expectAllEnded(cli, tree);
    // It ended as interrupted, not killed: the reports are written, marked incomplete.
    expect(JSON.parse(await readFile(`${folder}/run.json`, 'utf8'))).toMatchObject({ status: 'incomplete' });
  }, 120_000);
});
