export { computeCost } from './compute-cost.ts';
export { defaultPriceTablePath, loadPriceTable, type PriceTable } from './price-table.ts';
export { createRedactor, environmentRedactor, redactedMarker } from './redact-secrets.ts';
export { resolveTargets, type ResolveOptions, type Target, type TargetRequest } from './resolve-targets.ts';
export { parseTargetSpec, splitLabel, providerKindNames, type ProviderKind, type TargetSpec } from './target-spec.ts';
