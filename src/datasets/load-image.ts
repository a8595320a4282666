import { statSync } from 'node:fs';
import { readInputFileSync } from '../config/read-input-file.ts';
import { resolveDatasetFile } from '../config/resolve-dataset-file.ts';
import { sniffImageType, type ImageMediaType } from './sniff-image-type.ts';

/** Per image: providers refuse larger ones (Anthropic at 5 MB), and a run would fail on every attempt. */
export const maxImageBytes = 5 * 1024 * 1024;

export type LoadedImage = { data: Uint8Array; mediaType: ImageMediaType };

const dataUrlPattern = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[^;,]*)*)(;base64)?,(.*)$/s;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function checked(data: Uint8Array, where: string, declared?: string): LoadedImage | { problem: string } {
  if (data.length > maxImageBytes) return { problem: `${where} is ${megabytes(data.length)}, more than the ${megabytes(maxImageBytes)} allowed per image` };
  const mediaType = sniffImageType(data);
  if (mediaType === undefined) return { problem: `${where} is not a PNG, JPEG, WebP or GIF image (its first bytes say otherwise)` };
  if (declared !== undefined && declared !== mediaType) return { problem: `${where} says ${declared}, but its bytes are ${mediaType}` };
  return { data, mediaType };
}

function fromDataUrl(url: string): LoadedImage | { problem: string } {
  const match = dataUrlPattern.exec(url);
  if (match === null || match[3] === undefined) return { problem: 'expected a base64 data: URL such as data:image/png;base64,iVBOR…' };
  const payload = match[4] ?? '';
  // Checked before decoding, so a huge URL is not decoded only to be refused.
  if ((payload.length * 3) / 4 > maxImageBytes + 3) return { problem: `the data: URL holds more than the ${megabytes(maxImageBytes)} allowed per image` };
  return checked(new Uint8Array(Buffer.from(payload, 'base64')), 'the data: URL', match[1]);
}

/**
 * Reads one image a case refers to: a path inside the dataset's folder (never outside it: no
 * absolute paths, `..` or symlinks out) or a base64 `data:` URL. The size is checked before the
 * file is read, and the type from the bytes.
 */
export function loadImage(datasetDir: string, reference: string): LoadedImage | { problem: string } {
  if (reference.startsWith('data:')) return fromDataUrl(reference);
  const resolved = resolveDatasetFile(datasetDir, reference);
  if ('problem' in resolved) return resolved;
  const size = statSync(resolved.path).size;
  if (size > maxImageBytes) return { problem: `"${reference}" is ${megabytes(size)}, more than the ${megabytes(maxImageBytes)} allowed per image` };
  let data: Buffer;
  try {
    // Not a plain read: the path was checked, but it may have been swapped for a FIFO since.
    data = readInputFileSync({ path: resolved.path, what: 'image', maxBytes: maxImageBytes });
  } catch (error) {
    return { problem: `"${reference}" cannot be read: ${(error as Error).message.replace(/^.*?: \(file\): /, '')}` };
  }
  return checked(new Uint8Array(data), `"${reference}"`);
}
