// Documented, declared and nick names for one person, following their community's naming habits.
import { ENGLISH } from '../data/names-europe.js';
import type { NameGroup } from '../data/name-group.js';
import { ADOPTED_ENGLISH_NAMES, NICKNAMES } from '../data/nicknames.js';
import type { Rng } from '../random/rng.js';
import type { PersonName, Sex } from './person.js';

export interface GeneratedNames {
  official: PersonName;
  usual: PersonName;
  nickname?: string;
  /** True when the given name is an English one (used to decide on a preferred language). */
  englishGiven: boolean;
}

/** A given name for the sex from the group (or an English one, by the group's share). */
export function givenName(rng: Rng, group: NameGroup, sex: Sex): { name: string; english: boolean } {
  const english = rng.chance(group.englishGivenShare);
  const source = english ? ENGLISH : group;
  return { name: rng.pickSkewed(sex === 'male' ? source.male : source.female), english };
}

/** The first nickname of a formal given name, if it has one. */
export function nicknameOf(rng: Rng, given: string): string | undefined {
  const nicks = NICKNAMES.get(given);
  return nicks ? rng.pick(nicks) : undefined;
}

/** Names for a new person of `sex` in `group`; `family` forces the surname (newborns). */
export function generateNames(rng: Rng, group: NameGroup, sex: Sex, family?: string): GeneratedNames {
  const first = givenName(rng, group, sex);
  const given = [first.name];
  if (group.id === 'punjabi' && rng.chance(0.35)) given.push(sex === 'male' ? 'Singh' : 'Kaur');
  else if (rng.chance(0.4)) {
    const middle = givenName(rng, group, sex).name;
    if (middle !== first.name) given.push(middle);
  }
  let surname = family ?? rng.pickSkewed(group.family);
  if (family === undefined && rng.chance(0.06)) surname = rng.pickSkewed(ENGLISH.family);
  const official: PersonName = { given, family: surname };
  const usual: PersonName = { given: [...given], family: surname };

  let nickname: string | undefined;
  if (!first.english && group.englishGivenShare < 1 && group.englishGivenShare > 0.05 && rng.chance(0.45)) {
    const adopted = rng.pick(sex === 'male' ? ADOPTED_ENGLISH_NAMES.male : ADOPTED_ENGLISH_NAMES.female);
    usual.given = [adopted];
  } else if (group.id === 'punjabi' && sex === 'female' && family === undefined && rng.chance(0.12)) {
    official.family = 'Kaur';
    official.given = [first.name];
  } else {
    const nick = nicknameOf(rng, first.name);
    if (nick && rng.chance(0.25)) usual.given = [nick, ...given.slice(1)];
    else if (nick && rng.chance(0.15)) nickname = nick;
    else if (given.length > 1 && given[1] !== 'Singh' && given[1] !== 'Kaur' && rng.chance(0.04)) {
      usual.given = [given[1] as string];
    }
  }
  return { official, usual, nickname, englishGiven: first.english };
}
