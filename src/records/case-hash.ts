import { createHash } from 'node:crypto';

/**
 * What decides a case's answer and its verdict: the part of a dataset's Case that `caseHash`
 * covers. Structural (records sit below datasets): any value goes, as it is hashed as JSON.
 */
export type CaseContent = { messages: unknown; assert: unknown; vars: unknown; system?: unknown; expected?: unknown; tools?: unknown; toolChoice?: unknown; schema?: unknown; calls?: unknown; maxOutputTokens?: unknown };

/**
 * The case's content as the run used it, hashed (sha256, the first 16 hex digits): two runs that
 * give a case the same hash asked the same thing and judged the answer the same way. It covers
 * the messages (images by the hash of their bytes), system prompt, expected answer, assertions,
 * variables, tools, tool choice, schema, a multi-call case's steps and a case's output bound. It leaves out what names or places the case (its id
 * and dataset are its key; its line moves when a case is inserted above it; its folder moves with
 * a copied dataset) and its tags, which change neither the request nor the verdict.
 *
 * Key order does not matter: objects are written with sorted keys. A field that is undefined is
 * the same as an absent one, as in JSON.
 */
export function caseHash(testCase: CaseContent): string {
  const content = {
    messages: testCase.messages,
    system: testCase.system,
    expected: testCase.expected,
    assert: testCase.assert,
    vars: testCase.vars,
    tools: testCase.tools,
    toolChoice: testCase.toolChoice,
    schema: testCase.schema,
    // A multi-call case's steps (their templates, targets and scorers), and a case's own output bound.
    calls: testCase.calls,
    maxOutputTokens: testCase.maxOutputTokens,
  };
  return createHash('sha256').update(canonicalJson(content) ?? 'null').digest('hex').slice(0, 16);
}

/**
 * JSON with every object's keys sorted, and binary data (an image's bytes) written as the sha256
 * of its bytes: a 5 MB image adds 64 characters, not 20 MB of digits. Undefined for a value JSON
 * leaves out (undefined, a function).
 */
export function canonicalJson(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return JSON.stringify({ sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  if (value instanceof URL) return JSON.stringify(value.href);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item) ?? 'null').join(',')}]`;
  const fields: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const text = canonicalJson((value as Record<string, unknown>)[key]);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}
