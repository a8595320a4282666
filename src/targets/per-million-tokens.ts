/**
 * USD per token as the gateway writes it (`"0.00000015"`, or `"1.5e-7"`) as USD per million
 * tokens (0.15). The decimal point moves in the text, so the number is the one its decimal
 * spelling names: `0.0000008 * 1e6` would be 0.7999999999999999 in a file a user reads.
 * Undefined for anything but a non-negative decimal.
 */
export function perMillionTokens(perToken: string): number | undefined {
  const match = /^\+?(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?$/i.exec(perToken.trim());
  if (!match || `${match[1]}${match[2] ?? ''}` === '') return undefined;
  const digits = `${match[1]}${match[2] ?? ''}`;
  // Where the point falls in `digits` once the value is multiplied by 10^6.
  const point = match[1]!.length + Number(match[3] ?? 0) + 6;
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? `${'0'.repeat(-point)}${digits}` : digits;
  const at = Math.max(point, 0);
  const value = Number(`${padded.slice(0, at) || '0'}.${padded.slice(at) || '0'}`);
  return Number.isFinite(value) ? value : undefined;
}
