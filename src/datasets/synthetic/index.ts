export { parseSyntheticSpecs, defaultSyntheticCases, syntheticBounds, type SyntheticShape } from './synthetic-spec.ts';
export { syntheticDataset, syntheticDatasetName, syntheticInstruction, syntheticSystem, type SyntheticDataset } from './synthetic-dataset.ts';
