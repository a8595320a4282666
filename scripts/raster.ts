import { crc32, deflateSync } from 'node:zlib';
import { glyphHeight, glyphs, glyphWidth } from './bitmap-font.ts';

export type Color = readonly [number, number, number];

/** An RGB picture drawn with hard edges: enough for shapes, bars and block letters, and byte-for-byte reproducible. */
export class Raster {
  readonly width: number;
  readonly height: number;
  private readonly pixels: Uint8Array;

  constructor(width: number, height: number, background: Color = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Color): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels.set(color, (Math.floor(y) * this.width + Math.floor(x)) * 3);
  }

  fillRect(left: number, top: number, width: number, height: number, color: Color): void {
    for (let y = top; y < top + height; y++) for (let x = left; x < left + width; x++) this.setPixel(x, y, color);
  }

  fillCircle(centerX: number, centerY: number, radius: number, color: Color): void {
    for (let y = -radius; y <= radius; y++) for (let x = -radius; x <= radius; x++) if (x * x + y * y <= radius * radius) this.setPixel(centerX + x, centerY + y, color);
  }

  /** An upright isosceles triangle inside the square of side `size` centred on the point. */
  fillTriangle(centerX: number, centerY: number, size: number, color: Color): void {
    const top = centerY - size / 2;
    for (let row = 0; row < size; row++) {
      const half = (row / size) * (size / 2);
      for (let x = Math.round(centerX - half); x <= Math.round(centerX + half); x++) this.setPixel(x, top + row, color);
    }
  }

  /** Block capitals and digits, each font pixel drawn as a `scale`-sized square. */
  drawText(text: string, left: number, top: number, scale: number, color: Color): void {
    for (const [index, character] of [...text].entries()) {
      const glyph = glyphs[character];
      if (glyph === undefined) throw new Error(`no glyph for ${JSON.stringify(character)}`);
      const originX = left + index * (glyphWidth + 1) * scale;
      for (const [row, line] of glyph.entries()) {
        for (const [column, cell] of [...line].entries()) if (cell === '#') this.fillRect(originX + column * scale, top + row * scale, scale, scale, color);
      }
    }
  }

  static textWidth(text: string, scale: number): number {
    return (text.length * (glyphWidth + 1) - 1) * scale;
  }

  static textHeight(scale: number): number {
    return glyphHeight * scale;
  }

  /** A PNG file: 8-bit RGB, no filtering, one IDAT chunk. */
  toPng(): Buffer {
    const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      const offset = y * (this.width * 3 + 1);
      rows[offset] = 0;
      rows.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), offset + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, checksum]);
}
