import type { ModelMessage } from 'ai';

/** One scorer configuration as written in a dataset's `assert` list (validated by config/). */
export type Assertion = {
  type: string;
  value?: unknown;
  weight?: number;
  [option: string]: unknown;
};

/** One validated test case, ready to be sent. */
export type Case = {
  /** Unique within its dataset; two datasets of a run may each have a case `q1`. */
  id: string;
  /**
   * The dataset's name in the run, set when the run loads its datasets (`smoke`, or `qa/smoke`
   * when two files share a base name) and copied into every record of the case. What identifies
   * a case is (dataset, id), through `caseKey` (src/records/case-key.ts). Undefined for a case
   * loaded on its own, which then behaves as every case did before runs had several datasets.
   */
  dataset?: string;
  /** 1-based line (JSONL/CSV row) or item position in the source file, for messages. */
  line: number;
  /**
   * The conversation to send: `prompt` becomes one user message. A case's `images` are file
   * parts (`{ type: 'file', data: Uint8Array, mediaType: 'image/png' }`) after the text of its
   * last user message.
   */
  messages: ModelMessage[];
  system?: string;
  expected?: string;
  assert: Assertion[];
  tags: string[];
  vars: Record<string, string>;
  /** Absolute folder of the dataset file: custom scorer modules are resolved inside it. */
  datasetDir?: string;
  /** Function calling: tools the model may call (no tool is executed; calls are recorded and scored). */
  tools?: CaseTool[];
  /** Written `auto`, `required`, `none` or `{ tool: <name> }`; only with `tools`, and a named tool is one of them. */
  toolChoice?: 'auto' | 'required' | 'none' | { type: 'tool'; toolName: string };
  /**
   * Structured output: ask for an object with this JSON Schema (root `type: object`). Without
   * `assert`, the case is scored by `json` against it; a `json` scorer with no schema uses it.
   */
  schema?: Record<string, unknown>;
  /**
   * A multi-call case: a pipeline of named steps, or a live conversation whose user turns are
   * scripted and whose assistant turns are the model's own answers. Undefined for a single call.
   * `messages` then holds the first step's messages (what reports show as the case's prompt), and
   * the case's own `assert`/`expected` score the final output (a pipeline: its output step's
   * answer; a conversation: the whole transcript).
   */
  calls?: CaseCalls;
  /** Output tokens this case asks for at most (a synthetic case's output length); wins over the target's and the run's. */
  maxOutputTokens?: number;
};

/** The steps of a multi-call case, in the order the file declares them. */
export type CaseCalls = {
  kind: 'pipeline' | 'conversation';
  steps: CaseStep[];
  /** The step whose answer is the case's final output (a pipeline: the one no step needs, or the file's `output:`; a conversation: its last turn). */
  output: string;
};

/**
 * One call of a multi-call case. A pipeline step's templates may use an earlier step's answer,
 * `{{steps.NAME.output}}`, or a field of it parsed as JSON, `{{steps.NAME.json.PATH}}`, and are
 * rendered when the steps they name have answered. A conversation turn's `messages` is its user
 * message alone: the runner sends the history before it (earlier user turns and the model's own
 * answers to them).
 */
export type CaseStep = {
  /** Unique within its case: `classify`, or `turn-1`, `turn-2`, … for a conversation. */
  name: string;
  /** 1-based line of the step in the source file, for messages. */
  line: number;
  messages: ModelMessage[];
  system?: string;
  /** The steps whose answers it needs: it is sent when they have answered, beside any other step that is ready. */
  after: string[];
  /** A target spec this step is always sent to, whatever the run's target (a run target's own `steps:` override wins). */
  target?: string;
  expected?: string;
  assert: Assertion[];
  tools?: CaseTool[];
  toolChoice?: Case['toolChoice'];
  schema?: Record<string, unknown>;
};

export type CaseTool = {
  name: string;
  description?: string;
  /** JSON Schema of the tool's arguments. */
  parameters: Record<string, unknown>;
};

export type Dataset = {
  path: string;
  /** sha256 of the file's bytes, then of the images its cases refer to, hex. */
  hash: string;
  cases: Case[];
};
