import { decodeInputText } from './decode-input-text.ts';
import { DatasetError } from './errors.ts';
import { readInputFile, type InputFile } from './read-input-file.ts';

/**
 * A whole configuration file as checked text (a price table, mock profiles, an answer book):
 * only a regular file, within its size bound, UTF-8 without control characters. Every refusal is
 * a DatasetError, so a caller lists it with the file's other problems.
 */
export async function readInputText(file: InputFile): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readInputFile(file);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError([(error as Error).message], { cause: error });
  }
  const { text, problems } = decodeInputText(bytes);
  if (problems.length > 0) throw new DatasetError(problems.map((problem) => `${file.path}:${problem.line}: ${problem.field}: ${problem.message}`));
  return text;
}
