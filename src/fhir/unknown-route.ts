// The catch-all of a FHIR surface: an unknown path is a 404 outcome whose hint names a URL that exists.
import type { RequestHandler } from 'express';
import { unknownRoute } from './errors.js';

/** Where the sandbox lists every endpoint without JavaScript (always served). */
export const ENDPOINT_LIST_PATH = '/ui/plain';

/** Initial letters whose spoken name starts with a vowel sound (an HCIM, an MRI, an SMS). */
const VOWEL_SOUND_LETTERS = new Set(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X']);

/** "a" or "an" before a system name: by sound for initialisms (an HCIM, a PLR), by vowel for words (an OCEAN, an admin API). */
export function indefiniteArticle(name: string): 'a' | 'an' {
  const word = name.split(/\s+/)[0] ?? '';
  const initialism = word.length <= 4 && word === word.toUpperCase() && /^[A-Z]+$/.test(word);
  if (initialism) return VOWEL_SOUND_LETTERS.has(word[0]!) ? 'an' : 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * A 404 `not-supported` outcome for any path the surface does not serve. The hint points at the surface's
 * CapabilityStatement when it has one (`metadataPath`, below the router's mount point), else at the
 * sandbox's endpoint list.
 */
export function fhirUnknownRoute(system: string, options: { metadataPath?: string } = {}): RequestHandler {
  const article = indefiniteArticle(system);
  return (req, _res, next) => {
    const where = options.metadataPath ? `GET ${req.baseUrl}${options.metadataPath} lists what is` : `GET ${ENDPOINT_LIST_PATH} lists every endpoint`;
    next(unknownRoute(`${req.method} ${req.originalUrl} is not ${article} ${system} endpoint; ${where}`));
  };
}
