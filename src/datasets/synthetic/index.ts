export { parseSyntheticSpecs, quoted as quotedSpec, defaultSyntheticCases, syntheticBounds, type SyntheticShape } from './synthetic-spec.ts';
export { syntheticDataset, syntheticDatasetName, syntheticInstruction, syntheticSystem, type SyntheticDataset } from './synthetic-dataset.ts';
