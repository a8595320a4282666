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
  id: string;
  /** 1-based line (JSONL/CSV row) or item position in the source file, for messages. */
  line: number;
  /** The conversation to send: `prompt` becomes one user message. */
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
  toolChoice?: 'auto' | 'required' | 'none' | { type: 'tool'; toolName: string };
  /** Structured output: ask for an object with this JSON Schema. */
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
  /** sha256 of the file's bytes, hex. */
  hash: string;
  cases: Case[];
};
