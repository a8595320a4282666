import { z } from 'zod';
import { guardRegexpBacktracking } from '../config/guard-regexp-backtracking.ts';
import { readInputText } from '../config/read-input-text.ts';
import { mockToolCallSchema } from '../config/mock-profile-schema.ts';
import { DatasetError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import { duplicateJsonKey } from '../config/duplicate-json-key.ts';
import { valueTextProblems } from '../config/value-text-problems.ts';
import { formatIssue } from './format-issue.ts';

const answerBookLineSchema = z
  .strictObject({
    match: z
      .strictObject({ caseId: z.string().optional(), step: z.string().min(1).optional(), regex: z.string().optional() })
      .refine((match) => match.caseId !== undefined || match.regex !== undefined, {
        message: 'give `caseId` or `regex`',
      })
      .refine((match) => match.step === undefined || match.caseId !== undefined, {
        message: '`step` names a call of the case `caseId` names: give both',
      }),
    reply: z.string().optional(),
    toolCall: mockToolCallSchema.optional(),
  })
  .refine((line) => line.reply !== undefined || line.toolCall !== undefined, {
    message: 'give `reply` or `toolCall`',
  });

export type AnswerBookEntry = {
  caseId?: string;
  /** A pipeline step or conversation turn (`turn-2`) of the case `caseId`. */
  step?: string;
  regex?: RegExp;
  reply: string;
  toolCall?: z.infer<typeof mockToolCallSchema>;
};

/** One answer per case of the largest dataset read (256 MiB). */
export const maxAnswerBookBytes = 256 * 2 ** 20;

/** Reads a JSONL answer book; every problem is reported as `file:line: field: message`. */
export async function loadAnswerBook(path: string): Promise<AnswerBookEntry[]> {
  guardRegexpBacktracking();
  const source = await readInputText({ path, what: 'answer book', maxBytes: maxAnswerBookBytes });
  const problems: string[] = [];
  const entries: AnswerBookEntry[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`${path}:${line}: invalid JSON: ${(error as Error).message}`);
      return;
    }
    // Held to what a dataset line is: each key once, text without control characters or
    // unpaired surrogates (a reply is shown in reports and terminals).
    const duplicate = duplicateJsonKey(text);
    if (duplicate !== undefined) {
      problems.push(`${path}:${line}: ${formatPath(duplicate)}: duplicate key "${String(duplicate.at(-1))}" (each key once per object)`);
      return;
    }
    const textProblems = valueTextProblems(value);
    if (textProblems.length > 0) {
      for (const problem of textProblems) problems.push(`${path}:${line}: ${formatPath(problem.path)}: ${problem.message}`);
      return;
    }
    const parsed = answerBookLineSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${path}:${line}: ${formatIssue(issue)}`);
      return;
    }
    const { match, reply, toolCall } = parsed.data;
    let regex: RegExp | undefined;
    if (match.regex !== undefined) {
      try {
        regex = new RegExp(match.regex);
      } catch (error) {
        problems.push(`${path}:${line}: match.regex: ${(error as Error).message}`);
        return;
      }
    }
    entries.push({
      ...(match.caseId !== undefined ? { caseId: match.caseId } : {}),
      ...(match.step !== undefined ? { step: match.step } : {}),
      ...(regex ? { regex } : {}),
      reply: reply ?? '',
      ...(toolCall ? { toolCall } : {}),
    });
  });
  if (problems.length > 0) throw new DatasetError(problems);
  return entries;
}

/**
 * First entry whose case id or pattern matches; both must match when both are given. An entry for
 * a case answers its single call; one of its calls needs an entry with that `step`.
 */
export function findBookEntry(
  book: AnswerBookEntry[],
  caseId: string | undefined,
  prompt: string,
  step?: string,
): AnswerBookEntry | undefined {
  return book.find(
    (entry) =>
      (entry.caseId === undefined || (entry.caseId === caseId && entry.step === step)) && (entry.regex === undefined || entry.regex.test(prompt)),
  );
}
