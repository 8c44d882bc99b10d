// A minimal valid 24-bit BMP (BITMAPINFOHEADER, uncompressed), e.g. a clinical photo placeholder.

/** BMP of `width` x `height`; `pixel(x, y)` returns [r, g, b]. Rows are stored bottom-up, padded to 4 bytes. */
export function buildBmp(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const imageSize = rowSize * height;
  const out = Buffer.alloc(54 + imageSize);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(54 + imageSize, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(0, 30);
  out.writeUInt32LE(imageSize, 34);
  out.writeInt32LE(2835, 38);
  out.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      out[row + x * 3] = b;
      out[row + x * 3 + 1] = g;
      out[row + x * 3 + 2] = r;
    }
  }
  return out;
}

/** A skin-toned photo placeholder with a darker oval "lesion"; tone and size vary per chart. */
export function lesionPhoto(tone: readonly [number, number, number], radius: number): Buffer {
  const size = 24;
  const c = size / 2;
  return buildBmp(size, size, (x, y) => {
    const d = ((x - c) ** 2) / (radius * radius) + ((y - c) ** 2) / ((radius * 0.7) ** 2);
    return d <= 1 ? [Math.round(tone[0] * 0.55), Math.round(tone[1] * 0.4), Math.round(tone[2] * 0.4)] : tone;
  });
}
