import { loadImage, type LoadedImage } from './load-image.ts';
import type { DatasetProblem } from './source-record.ts';

/**
 * Reads the images a case or the dataset's defaults list (`field`: `images`, `defaults.images`),
 * each with the same confinement to the dataset's folder and the same size cap. Every bad one
 * is a problem at its own line; undefined unless all of them could be read.
 */
export function readImages(input: {
  references: readonly string[];
  field: string;
  datasetDir: string;
  /** The line of a path inside the list, such as `[1]`. */
  lineOf: (path: readonly PropertyKey[]) => number;
  problems: DatasetProblem[];
}): LoadedImage[] | undefined {
  const images: LoadedImage[] = [];
  for (const [index, reference] of input.references.entries()) {
    const loaded = loadImage(input.datasetDir, reference);
    if ('problem' in loaded) input.problems.push({ line: input.lineOf([index]), field: `${input.field}[${index}]`, message: loaded.problem });
    else images.push(loaded);
  }
  return images.length === input.references.length ? images : undefined;
}
