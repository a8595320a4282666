/**
 * The eval `llm-bench init` writes: it runs as it is, with no key, against the built-in simulator,
 * and its comments name the flag of each setting. Its first line points the YAML language server
 * (VS Code's YAML extension, and others) at the shipped JSON Schema.
 */
export const starterEval = `# yaml-language-server: $schema=node_modules/llm-bench/schema/llm-bench.schema.json
#
# An llm-bench eval. \`npx llm-bench run\` reads llm-bench.yaml in the working folder (or the file
# given with --config FILE). A flag on the command line overrides the setting written here.
# Paths are relative to this file's folder.

description: Smoke test of three simulated targets; runs with no API key

# Dataset files (.jsonl, .csv or .yaml) or globs such as datasets/*.jsonl (--dataset).
datasets:
  - datasets/smoke.jsonl

# Targets, [provider:]model[@where] (--target). "simulated:" targets are served by the built-in
# simulator, in-process. Replace them with real ones, e.g. openai:gpt-4o-mini (its key read from
# OPENAI_API_KEY). A target may also be an object with its own settings:
#   - target: openai:gpt-4o-mini
#     label: mini
#     temperature: 0
#     maxTokens: 256
#     providerOptions: { openai: { reasoningEffort: low } }
targets:
  - simulated:openai/gpt-4o-mini@openai
  - simulated:openai/gpt-4o-mini@azure
  - simulated:anthropic:claude-sonnet-4

# Prompt variants to compare on the same cases (--prompt).
# prompts:
#   - prompts/concise.yaml

# How requests are sent.
run:
  repeats: 1 # times each case is sent to each target (--repeats)
  concurrency: 4 # requests in flight overall (--concurrency)
  maxTokens: 256 # maximum output tokens per answer (--max-tokens)
  retries: 3 # retries after 429, 5xx or network errors (--retries)
  timeoutMs: 60000 # bound on one request, ms (--timeout-ms)
  # temperature: 0 # sampling temperature (--temperature)
  # rate: 5 # start requests at this many per second (--rate)
  # cache: true # reuse answers to identical requests (--cache)

# Spending: scheduling stops before the budget could be passed; needs run.maxTokens.
# budget:
#   maxCost: 1 # USD (--max-cost)

# CI gates: a run that fails one ends with exit code 4. Each is a one-sided test at alpha: a
# target fails only when its figure is shown to be on the wrong side (unanswered count as failed).
# gates:
#   checks: # --gate; figures are summary.csv columns
#     - pass_rate >= 0.8
#     - ttft_p50_ms <= 2000
#   # baselineRun: reports/main # --baseline-run: a past run for drop and ratio gates
#   # maxDrop: 5 # --max-drop: the gate pass_rate drop <= 5 (points) against baselineRun

# judge: openai:gpt-4o # grades llm-judge assertions that name no judge (--judge)
# baseline: mini # the target the others are compared with (--baseline; default: the first)
# out: reports/smoke # the run folder (--out; default: reports/<timestamp>-<id>)

# The built-in simulator, for simulated: targets.
simulator:
  seed: 1 # the same seed gives the same answers and faults (--seed)

# Reports written to the run folder (--reporter): a built-in name, a module path
# (./my-reporter.ts), or [name, { options }].
reporters:
  - results-csv
  - summary-csv
  - summary-json
  - comparison-csv
  - report-html
`;
