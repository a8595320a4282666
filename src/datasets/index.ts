export type { Assertion, Case, CaseTool, Dataset } from './case.ts';
export { defaultAssertion } from './default-assertion.ts';
export { loadDataset, loadDatasets } from './load-dataset.ts';
export { maxImageBytes } from './load-image.ts';
export { loadPromptVariants, type PromptVariant } from './prompt-variant.ts';
export { resolveDatasetFile } from '../config/resolve-dataset-file.ts';
export { lastUserText } from './last-user-text.ts';
export { everyAssertion } from './every-assertion.ts';
