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
