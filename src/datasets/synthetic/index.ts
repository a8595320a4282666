export { parseSyntheticSpecs, quoted as quotedSpec, defaultSyntheticCases, syntheticBounds, maxSyntheticInputTokens, type SpecNames, type SyntheticShape } from './synthetic-spec.ts';
export { syntheticDataset, syntheticDatasetName, syntheticInstruction, syntheticSystem, type SyntheticDataset } from './synthetic-dataset.ts';
