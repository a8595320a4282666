export type { Assertion, Case, Dataset } from './case.ts';
export { defaultAssertion } from './default-assertion.ts';
export { loadDataset, loadDatasets } from './load-dataset.ts';
export { resolveDatasetFile } from './resolve-dataset-file.ts';
