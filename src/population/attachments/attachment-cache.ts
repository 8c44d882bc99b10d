// Memoizes image attachments by their parameters: charts reuse a few hundred distinct small images.
import { lesionPhoto } from './bmp.js';
import { ecgStrip } from './png.js';

/** Per-population cache of rendered images (bounded: at most a few hundred small buffers). */
export interface AttachmentCache {
  ecg(beatWidth: number, amplitude: number): Buffer;
  photo(tone: readonly [number, number, number], radius: number): Buffer;
}

/** A fresh, empty cache; one per population. */
export function createAttachmentCache(): AttachmentCache {
  const ecgs = new Map<string, Buffer>();
  const photos = new Map<string, Buffer>();
  return {
    ecg(beatWidth, amplitude) {
      const key = `${beatWidth}:${amplitude}`;
      let png = ecgs.get(key);
      if (!png) {
        png = ecgStrip(beatWidth, amplitude);
        ecgs.set(key, png);
      }
      return png;
    },
    photo(tone, radius) {
      const key = `${tone.join(',')}:${radius}`;
      let bmp = photos.get(key);
      if (!bmp) {
        bmp = lesionPhoto(tone, radius);
        photos.set(key, bmp);
      }
      return bmp;
    },
  };
}

/** Skin tones photos are drawn in (a small palette keeps the cache small). */
export const SKIN_TONES: readonly (readonly [number, number, number])[] = [
  [241, 194, 167], [224, 172, 138], [198, 134, 103], [161, 102, 76], [120, 78, 58], [233, 190, 160],
];
