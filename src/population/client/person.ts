// The demographic core of one person, before it becomes a FHIR Patient.
import type { Locality } from '../data/geography.js';
import type { NameGroup } from '../data/name-group.js';

export type Sex = 'male' | 'female';
export type AdministrativeGender = 'male' | 'female' | 'other' | 'unknown';

export interface PersonName {
  given: string[];
  family: string;
}

export interface PostalAddress {
  line: string[];
  city: string;
  postalCode: string;
}

export interface Phone {
  use: 'home' | 'mobile' | 'work';
  value: string;
}

/** Everything needed to render a person as a Patient (or to derive a duplicate variant of them). */
export interface Person {
  sex: Sex;
  gender: AdministrativeGender;
  /** Day number (days since 1970-01-01). */
  birthDay: number;
  group: NameGroup;
  /** Documented name (as on identity documents): Patient.name use=official. */
  official: PersonName;
  /** Declared name (what the person calls themselves): Patient.name use=usual. */
  usual: PersonName;
  nickname?: string;
  locality: Locality;
  address: PostalAddress;
  mailingAddress?: PostalAddress;
  phones: Phone[];
  email?: string;
  /** BCP-47 code of a preferred language other than English. */
  language?: string;
}

/** A deep copy, so variants never share arrays with their original. */
export function clonePerson(person: Person): Person {
  return {
    ...person,
    official: { given: [...person.official.given], family: person.official.family },
    usual: { given: [...person.usual.given], family: person.usual.family },
    address: { ...person.address, line: [...person.address.line] },
    mailingAddress: person.mailingAddress ? { ...person.mailingAddress, line: [...person.mailingAddress.line] } : undefined,
    phones: person.phones.map((p) => ({ ...p })),
  };
}
