// Injected duplicate variants: the same person registered again with a typo, nickname, swapped date...
import { LOCALITY_TABLE } from '../data/geography.js';
import { ENGLISH } from '../data/names-europe.js';
import { NICKNAMES } from '../data/nicknames.js';
import type { AnswerKeyEntry } from '../types.js';
import type { Rng } from '../random/rng.js';
import { ageInYears, civilFromDays, daysFromCivil } from '../time/calendar.js';
import { phoneNumber, postalAddress } from './contact.js';
import { clonePerson, type Person } from './person.js';

export type Variant = AnswerKeyEntry['variant'];

/** Variants that make sense for this person (a child keeps its surname; a 13 March birthday cannot swap). */
export function applicableVariants(person: Person, referenceDay: number): Variant[] {
  const { month, day } = civilFromDays(person.birthDay);
  const out: Variant[] = ['typo', 'moved-address'];
  if (NICKNAMES.has(person.official.given[0] ?? '')) out.push('nickname');
  if (day <= 12 && day !== month) out.push('transposed-date');
  if (ageInYears(person.birthDay, referenceDay) >= 18) out.push('hyphenated-surname', 'changed-surname');
  return out;
}

/** One realistic keying error: swapped, dropped, doubled or replaced letter. */
export function typo(rng: Rng, word: string): string {
  if (word.length < 3) return `${word}${word.charAt(word.length - 1)}`;
  const i = rng.int(1, word.length - 2);
  const op = rng.int(0, 3);
  let out: string;
  if (op === 0 && word[i] !== word[i + 1]) out = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
  else if (op === 1) out = word.slice(0, i) + word.slice(i + 1);
  else if (op === 2) out = word.slice(0, i) + word.charAt(i) + word.slice(i);
  else {
    const vowels = 'aeiou';
    const current = word.charAt(i).toLowerCase();
    const replacement = vowels.includes(current) ? vowels.charAt((vowels.indexOf(current) + 1) % 5) : 'e';
    out = word.slice(0, i) + replacement + word.slice(i + 1);
  }
  return out === word ? `${word.slice(0, i)}${word.slice(i + 1)}` : out;
}

function setNames(person: Person, given: string[], family: string): void {
  person.official = { given: [...given], family };
  person.usual = { given: [...given], family };
  person.nickname = undefined;
}

/** The duplicate record of `original`, differing by `variant`. */
export function applyVariant(rng: Rng, original: Person, variant: Variant): Person {
  const dup = clonePerson(original);
  const given = [...original.official.given];
  const family = original.official.family;
  if (rng.chance(0.5)) dup.email = undefined;
  switch (variant) {
    case 'typo':
      if (rng.chance(0.6)) setNames(dup, given, typo(rng, family));
      else setNames(dup, [typo(rng, given[0] ?? 'A'), ...given.slice(1)], family);
      break;
    case 'nickname': {
      const nicks = NICKNAMES.get(given[0] ?? '') ?? [given[0] ?? ''];
      setNames(dup, [rng.pick(nicks)], family);
      break;
    }
    case 'transposed-date': {
      const { year, month, day } = civilFromDays(original.birthDay);
      dup.birthDay = daysFromCivil(year, day, month);
      break;
    }
    case 'moved-address': {
      let locality = rng.pickWeighted(LOCALITY_TABLE);
      for (let k = 0; k < 5 && locality.city === original.locality.city; k++) locality = rng.pickWeighted(LOCALITY_TABLE);
      if (locality.city === original.locality.city) locality = LOCALITY_TABLE.items.find((l) => l.city !== original.locality.city) ?? locality;
      dup.locality = locality;
      dup.address = postalAddress(rng, locality);
      dup.mailingAddress = undefined;
      dup.phones = dup.phones.filter((p) => p.use === 'mobile');
      if (rng.chance(0.6)) dup.phones.unshift({ use: 'home', value: phoneNumber(rng, locality) });
      break;
    }
    case 'hyphenated-surname':
      setNames(dup, given, `${family}-${rng.pick(rng.chance(0.5) ? ENGLISH.family : original.group.family)}`);
      break;
    case 'changed-surname': {
      let next = rng.pick(rng.chance(0.6) ? ENGLISH.family : original.group.family);
      if (next === family) next = rng.pick(ENGLISH.family);
      setNames(dup, given, next);
      break;
    }
  }
  return dup;
}
