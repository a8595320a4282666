import path from 'node:path';

export const datasetsFolder = path.join(import.meta.dirname, '..', '..', 'datasets');
export const answerBooksFolder = path.join(datasetsFolder, 'answer-books');

/** The datasets written for this project, each with an answer book for the simulator and the verdict each answer deserves. */
export const shippedDatasets = [
  'general-knowledge-qa',
  'math-word-problems',
  'support-ticket-intent',
  'json-extraction',
  'tool-calling',
  'vision-shapes-charts',
  'long-context-needles',
  'support-multi-turn',
  'long-context-needles-cold',
];

/** The shipped multi-call datasets (.yaml), with their answer books and verdicts (keyed `caseId/step` and `caseId`): checked by test/pipeline-dataset.test.ts. */
export const multiCallDatasets = ['support-pipeline', 'support-conversation'];
