export { startMockServer, type MockServer, type MockServerOptions } from './mock-server.ts';
export type { MockRequestRecord } from './request-record.ts';
export { loadMockProfiles } from './load-mock-profiles.ts';
export { defaultMockProfiles } from './default-profiles.ts';
export type { MockCase } from './answer-policy.ts';
export type { FaultPlanEntry } from './fault-plan.ts';
export type { MockProfiles, MockModelProfile, MockFaultKind } from '../config/mock-profile-schema.ts';
export { mockFaultKinds } from '../config/mock-profile-schema.ts';
export { constantMockProfiles } from './test-profiles.ts';
