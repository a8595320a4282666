import type { CommandModule } from 'yargs';
import { InputError } from '../config/errors.ts';
import { emptyFlagProblem } from '../config/limits.ts';

type PricesArguments = { update: boolean; check: boolean; out?: string; prices?: string };

/**
 * `llm-bench prices`: the price table a run here uses (which file, how old, its rows);
 * `--update` fetches the AI Gateway's model list and writes it as a dated price file;
 * `--check` compares the table with that list and exits 4 when a price differs (see README).
 */
export const pricesCommand: CommandModule<object, PricesArguments> = {
  command: 'prices',
  describe: "Show the price table in use; --update fetches current prices from the AI Gateway's model list",
  builder: (yargs) =>
    yargs
      .option('update', { type: 'boolean', default: false, describe: 'Fetch the gateway model list (AI_GATEWAY_API_KEY) and write it as a price file' })
      .option('out', { type: 'string', describe: 'With --update: the file to write (default: .llm-bench/prices.yaml, which runs here then use)' })
      .option('check', { type: 'boolean', default: false, describe: 'Compare the table in use with the gateway model list; exit 4 when a price differs' })
      .option('prices', { type: 'string', describe: 'The price table to show or check (default: the one a run here uses)' })
      .example('$0 prices', 'Which price table a run uses, and how old it is')
      .example('AI_GATEWAY_API_KEY=… $0 prices --update', 'Write .llm-bench/prices.yaml from the gateway; runs here use it'),
  handler: async (argv) => {
    for (const name of ['out', 'prices'] as const) {
      const empty = emptyFlagProblem(name, argv[name]);
      if (empty) throw new InputError(empty);
    }
    if (argv.update && argv.check) throw new InputError('--update writes a price file; --check compares one: give one of them');
    if (argv.out !== undefined && !argv.update) throw new InputError('--out names the file --update writes: add --update, or leave --out out');
    if (argv.prices !== undefined && argv.update) throw new InputError('--prices names a table to show or check; --update writes one: name its file with --out');
    const cwd = process.cwd();
    // Loaded here, not at the top: `--help` and a refused flag need none of it (cold start).
    const [{ loadPriceTable, localPriceTablePath }, lines] = await Promise.all([import('../targets/price-table.ts'), import('../targets/price-file-lines.ts')]);
    if (!argv.update && !argv.check) {
      const table = await loadPriceTable(argv.prices, { cwd });
      for (const line of lines.priceTableLines(table, { nowMs: Date.now(), cwd })) console.log(line);
      return;
    }
    // The table to check is read first: a bad file is refused before anything is fetched.
    const table = argv.check ? await loadPriceTable(argv.prices, { cwd }) : undefined;
    const fetched = await fetchPrices(new Date());
    if (!fetched) return;
    if (table) {
      const { lines: checked, differs } = lines.checkLines(table, fetched.prices.rows, fetched.source);
      for (const line of checked) console.log(line);
      if (differs) process.exitCode = 4;
      return;
    }
    const [{ mkdir }, path, { writeFileAtomic }, { priceFileText }] = await Promise.all([
      import('node:fs/promises'),
      import('node:path'),
      import('../reports/write-file-atomic.ts'),
      import('../targets/price-file-text.ts'),
    ]);
    const file = path.resolve(cwd, argv.out ?? localPriceTablePath(cwd));
    await writePriceFile(file, priceFileText({ updated: fetched.updated, source: fetched.source, rows: fetched.prices.rows }), { mkdir, writeFileAtomic });
    const usedByRuns = file === localPriceTablePath(cwd);
    const result = { file, source: fetched.source, updated: fetched.updated, rows: fetched.prices.rows.length, skipped: fetched.prices.skipped, otherKinds: fetched.prices.otherKinds, usedByRuns };
    for (const line of lines.updateLines(result, cwd)) console.log(line);
  },
};

/**
 * The gateway's model list as price rows, dated now. No key: exit 2, as for a run. A refused or
 * failed request (a wrong key, no network) is printed and ends the command with exit code 3,
 * like a target stopped by an authentication error: undefined then.
 */
async function fetchPrices(now: Date) {
  const apiKey = process.env.AI_GATEWAY_API_KEY?.trim() || undefined;
  if (!apiKey && !process.env.VERCEL_OIDC_TOKEN?.trim()) {
    throw new InputError('prices --update and --check read the AI Gateway\'s model list: set AI_GATEWAY_API_KEY (or VERCEL_OIDC_TOKEN); nothing was fetched or written');
  }
  const [{ defaultGatewayBaseUrl, fetchGatewayModels, pricesFromGatewayModels }, { maskUrlCredentials }] = await Promise.all([
    import('../targets/gateway-prices.ts'),
    import('../targets/url-credential.ts'),
  ]);
  const baseURL = (process.env.AI_GATEWAY_BASE_URL?.trim() || defaultGatewayBaseUrl).replace(/\/+$/, '');
  // The file records where its prices came from: never a credential a base URL may carry.
  const source = maskUrlCredentials(`${baseURL}/config`);
  let models;
  try {
    models = await fetchGatewayModels({ apiKey, baseURL });
  } catch (error) {
    const { environmentRedactor } = await import('../targets/redact-secrets.ts');
    console.error(environmentRedactor(process.env)(`llm-bench: could not read the model list at ${source}: ${failureText(error)}; nothing was written`));
    process.exitCode = 3;
    return undefined;
  }
  const updated = now.toISOString();
  return { source, updated, prices: pricesFromGatewayModels(models, { source, asOf: updated.slice(0, 10) }) };
}

async function writePriceFile(
  file: string,
  text: string,
  io: { mkdir: typeof import('node:fs/promises').mkdir; writeFileAtomic: (path: string, content: string) => Promise<void> },
): Promise<void> {
  const { dirname } = await import('node:path');
  try {
    await io.mkdir(dirname(file), { recursive: true });
    await io.writeFileAtomic(file, text);
  } catch (error) {
    throw new InputError(`cannot write the price file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** The package's message, with the HTTP status, and the network's own reason it may hide ("Gateway request failed" for a refused connection). */
function failureText(error: unknown): string {
  const top = error as Error & { statusCode?: number };
  let deepest: unknown = top;
  while (deepest instanceof Error && deepest.cause instanceof Error) deepest = deepest.cause;
  const network = deepest !== top && deepest instanceof Error && (deepest.name === 'Error' || deepest.name === 'TypeError') ? deepest.message : undefined;
  return [top.message, ...(top.statusCode && top.statusCode !== 500 ? [`HTTP ${top.statusCode}`] : []), ...(network ? [network] : [])].join('; ');
}
