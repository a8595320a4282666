import { mockProfilesSchema, type MockModelProfileInput, type MockProfiles } from '../config/mock-profile-schema.ts';

/**
 * Profiles with a constant time to first token (p50 == p90), for tests that assert exact timing:
 * `constantMockProfiles({ id: 'fast', ttftMs: 200, tokensPerSecond: 100, answer: { policy: 'fixed', text: 'hi' } })`.
 */
export function constantMockProfiles(
  ...models: Array<Omit<MockModelProfileInput, 'ttftMs' | 'tokensPerSecond'> & { ttftMs: number; tokensPerSecond?: number }>
): MockProfiles {
  return mockProfilesSchema.parse({
    description: 'Constant-latency profiles for tests.',
    models: models.map(({ ttftMs, tokensPerSecond, ...rest }) => ({
      ...rest,
      ttftMs: { p50: ttftMs, p90: ttftMs },
      tokensPerSecond: tokensPerSecond ?? 100,
    })),
  });
}
