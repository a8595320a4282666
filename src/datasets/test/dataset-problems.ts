import { expect } from 'vitest';
import { DatasetError } from '../../config/errors.ts';
import { loadDataset } from '../load-dataset.ts';

/** The problems of a dataset file that must not load (it must fail with a DatasetError), as the error lists them. */
export async function datasetProblems(file: string): Promise<string[]> {
  const error = await loadDataset(file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return (error as DatasetError).problems;
}
