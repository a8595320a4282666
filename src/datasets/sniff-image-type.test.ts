import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image-type.ts';

/** Real 1×1 images, as an encoder writes them. */
const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const gif89a = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const gif87a = Buffer.concat([Buffer.from('GIF87a'), gif89a.subarray(6)]);
const bytes = (data: Buffer) => new Uint8Array(data);

describe('sniffImageType', () => {
  it('knows WebP (RIFF….WEBP) and both GIF versions by their first bytes', () => {
    expect(sniffImageType(bytes(webp))).toBe('image/webp');
    expect(sniffImageType(bytes(gif89a))).toBe('image/gif');
    expect(sniffImageType(bytes(gif87a))).toBe('image/gif');
  });

  it('refuses look-alikes: another RIFF file, a made-up GIF version, a truncated header', () => {
    const wave = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]);
    expect(sniffImageType(bytes(wave))).toBeUndefined();
    expect(sniffImageType(bytes(Buffer.from('GIF88a')))).toBeUndefined();
    expect(sniffImageType(bytes(webp.subarray(0, 10)))).toBeUndefined();
    expect(sniffImageType(bytes(Buffer.from('RIFF')))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});
