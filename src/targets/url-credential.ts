/**
 * Query parameter names that carry a secret: `api_key`, `api-key`, `apikey`, `access_token`,
 * `client_secret`, `password`, `auth`, `X-Amz-Signature`, `sig`… A false alarm costs the user a
 * rename; a miss writes their key into every report.
 */
export const credentialName = /key|token|secret|passw(?:or)?d|passphrase|auth|signature|credential|bearer|jwt|session|cookie|^(?:sig|pwd|pass|sas)$/i;
const credentialParameter = credentialName;

/** Where a base URL carries a credential (`user name and password`, `query parameter api_key`); undefined when it carries none. */
export function findUrlCredential(url: URL): string | undefined {
  if (url.username || url.password) return url.password ? 'user name and password' : 'user name';
  for (const name of url.searchParams.keys()) if (credentialParameter.test(name)) return `query parameter ${name}`;
  // A fragment is never sent to the server: in a base URL it can only be a mistake, or a token.
  if (url.hash) return 'a #fragment';
  return undefined;
}

/**
 * The URL with every credential in it replaced by `…`: the user info before `@`, and the value of
 * every credential-like query parameter. Works on a URL the parser refuses too, so that a message
 * about a malformed URL does not echo the secret in it either.
 */
export function maskUrlCredentials(url: string): string {
  return url
    .replace(/#.*$/s, '#…')
    .replace(/^([a-z][\w+.-]*:[/\\]*)[^/\\?#]*@/i, '$1…@')
    .replace(/([?&;])([^=&#;]*)=[^&#;]*/g, (whole, separator: string, name: string) =>
      credentialParameter.test(parameterName(name)) ? `${separator}${name}=…` : whole,
    );
}

/** The name as the URL parser reads it: tabs and line breaks dropped, then percent-decoded. */
function parameterName(raw: string): string {
  const name = raw.replace(/[\t\n\r]/g, '').replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
