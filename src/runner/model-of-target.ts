import { AsyncLocalStorage } from 'node:async_hooks';
import type { LanguageModel } from 'ai';
import type { Target } from '../targets/index.ts';

/**
 * Each target's model, made once. Making one is not cheap: a provider package builds its zod
 * schemas for the response's chunks in the model's constructor (openai-compatible's chat model
 * does), and made per attempt that was a sixth of an eval's CPU. Keyed on `createModel` rather than
 * the target object, so that a copy of a target (`{ ...target }`) shares its model.
 */
const models = new WeakMap<Target['createModel'], LanguageModel>();

/** The fetch of the attempt whose code is running: its own transport times and silence watch. */
const attemptFetch = new AsyncLocalStorage<typeof globalThis.fetch>();

/**
 * The one fetch every cached model is given: it sends through the fetch of the attempt that the
 * request belongs to (see withAttemptFetch), so that each attempt's times are its own although
 * the model is shared. A request made outside any attempt is refused rather than sent untimed.
 */
const dispatchingFetch: typeof globalThis.fetch = (input, init) => {
  const fetch = attemptFetch.getStore();
  if (!fetch) return Promise.reject(new Error('a request was made outside any attempt: the harness cannot time it, and did not send it'));
  return fetch(input, init);
};

/** The target's model, made on first use; its requests go through the running attempt's fetch. */
export function modelOfTarget(target: Pick<Target, 'createModel'>): LanguageModel {
  let model = models.get(target.createModel);
  if (!model) {
    model = target.createModel(dispatchingFetch);
    models.set(target.createModel, model);
  }
  return model;
}

/**
 * Runs `run` (and everything it starts, synchronously or not) as one attempt: requests that the
 * models of modelOfTarget make within it go through `fetch`.
 */
export function withAttemptFetch<T>(fetch: typeof globalThis.fetch, run: () => T): T {
  return attemptFetch.run(fetch, run);
}
