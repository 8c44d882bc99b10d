// Addresses, phone numbers and emails for people and places in BC.
import { AREA_CODES_LOWER_MAINLAND, AREA_CODES_REST_OF_BC, type Locality } from '../data/geography.js';
import { NUMBERED_SUFFIX, STREET_KINDS, STREET_NAMES } from '../data/streets.js';
import type { Rng } from '../random/rng.js';
import type { PostalAddress } from './person.js';

const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

/** A postal code in one of the locality's FSAs, e.g. "V5K 0A3". */
export function postalCode(rng: Rng, locality: Locality): string {
  const letter = POSTAL_LETTERS[rng.int(0, POSTAL_LETTERS.length - 1)] ?? 'A';
  return `${rng.pick(locality.fsas)} ${rng.int(0, 9)}${letter}${rng.int(1, 9)}`;
}

/** A civic address line: "1234 Oak St", "14567 104 Ave" or, with a unit, "305-1234 Oak St". */
export function streetLine(rng: Rng, locality: Locality, allowUnit = true): string {
  let line: string;
  if (locality.lowerMainland && locality.profile !== 'metro' && rng.chance(0.4)) {
    line = `${rng.int(1000, 20999)} ${rng.int(1, 200)} ${rng.pick(NUMBERED_SUFFIX)}`;
  } else {
    line = `${rng.int(1, 9999)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_KINDS)}`;
  }
  if (allowUnit && rng.chance(locality.profile === 'metro' || locality.profile === 'richmond' ? 0.35 : 0.12)) {
    line = `${rng.int(1, 30) * 100 + rng.int(1, 20)}-${line}`;
  }
  return line;
}

/** A home address in the locality. */
export function postalAddress(rng: Rng, locality: Locality): PostalAddress {
  return { line: [streetLine(rng, locality)], city: locality.city, postalCode: postalCode(rng, locality) };
}

/** A BC phone number "604-555-1234", area code weighted for the locality. */
export function phoneNumber(rng: Rng, locality: Locality): string {
  const [area] = rng.pickWeighted(locality.lowerMainland ? AREA_CODES_LOWER_MAINLAND : AREA_CODES_REST_OF_BC);
  let exchange = rng.int(200, 999);
  if (exchange % 100 === 11) exchange += 1;
  return `${area}-${exchange}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** ASCII lower-case form of a name for email local parts: accents dropped, other symbols removed. */
export function asciiFold(text: string): string {
  if (/^[A-Za-z0-9]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** An email on a reserved example domain (RFC 2606), so no real mailbox is ever addressed. */
export function emailAddress(rng: Rng, given: string, family: string): string {
  const g = asciiFold(given) || 'patient';
  const f = asciiFold(family) || 'bc';
  const number = rng.chance(0.5) ? String(rng.int(1, 99)) : '';
  const local = rng.pick([`${g}.${f}`, `${g}${f}`, `${g.charAt(0)}${f}`, `${g}_${f}`]);
  return `${local}${number}@${rng.pick(EMAIL_DOMAINS)}`;
}
