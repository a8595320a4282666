/**
 * A `fetch` that follows no redirect, for calls made outside the transport worker (the judge's):
 * a redirect would carry the key to wherever it points, and a 302 or 303 turns the POST into a
 * GET whose reply would be read as the answer. A 3xx is an error saying where it pointed.
 */
export const noRedirectFetch: typeof globalThis.fetch = async (input, init) => {
  const response = await fetch(input, { ...init, redirect: 'manual' });
  if (response.status < 300 || response.status >= 400) return response;
  await response.body?.cancel();
  const url = input instanceof Request ? input.url : String(input);
  throw redirectNotFollowed(response.status, response.headers.get('location') ?? undefined, url);
};

/**
 * A 3xx answer, as an error that says where it pointed: the origin and path only (a query string
 * or user info may carry a key, and is left out), at most 200 characters, control characters replaced.
 */
export function redirectNotFollowed(status: number, location: string | undefined, requestUrl: string): Error {
  const error = new Error(
    location === undefined
      ? `${status} response (a redirect status, with no Location) is not the API's answer: the API does not redirect`
      : `${status} redirect to ${shownLocation(location, requestUrl)} not followed: the API does not redirect`,
  );
  error.name = 'RedirectNotFollowedError';
  return error;
}

function shownLocation(location: string, requestUrl: string): string {
  try {
    const url = new URL(location, requestUrl);
    const rest = url.search || url.hash ? '?…' : '';
    return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?') + rest;
  } catch {
    return 'an unreadable Location';
  }
}
