// A minimal valid PNG (8-bit greyscale), built with zlib deflate and crc32; no image library needed.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG of a greyscale image; `pixel(x, y)` returns 0-255. See: https://www.w3.org/TR/png/ */
export function buildPng(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixel(x, y) & 0xff;
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** An ECG-like strip: grid lines and a repeating PQRST trace, with per-chart heart rate and amplitude. */
export function ecgStrip(beatWidth: number, amplitude: number): Buffer {
  const width = 160;
  const height = 48;
  const base = 30;
  const trace = new Int16Array(width);
  for (let x = 0; x < width; x++) {
    const t = (x % beatWidth) / beatWidth;
    let y = 0;
    if (t > 0.1 && t < 0.18) y = 3;
    else if (t > 0.28 && t < 0.3) y = -3;
    else if (t >= 0.3 && t < 0.34) y = amplitude;
    else if (t >= 0.34 && t < 0.37) y = -5;
    else if (t > 0.55 && t < 0.68) y = 5;
    trace[x] = base - y;
  }
  return buildPng(width, height, (x, y) => {
    const ty = trace[x] ?? base;
    const prev = trace[x > 0 ? x - 1 : 0] ?? base;
    if (y >= Math.min(ty, prev) && y <= Math.max(ty, prev)) return 0;
    return x % 8 === 0 || y % 8 === 0 ? 200 : 255;
  });
}
