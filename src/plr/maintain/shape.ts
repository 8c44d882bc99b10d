// Structural checks before any rule runs, so a list sent as an object (or a name as a number) is a 400, never a crash.
import { plainIssue, plrFailure } from '../error-codes.js';
import { own } from '../../validation/own.js';

/** Elements that are arrays wherever they occur. */
const ALWAYS_LISTS = new Set(['extension', 'coding', 'given', 'prefix', 'suffix', 'line', 'entry', 'parameter']);
/** Elements that are arrays on these resources (Location.address, Reference.identifier are single). */
const RESOURCE_LISTS: Record<string, string[]> = {
  Practitioner: ['identifier', 'name', 'telecom', 'address', 'qualification', 'communication', 'contained'],
  PractitionerRole: ['identifier', 'code', 'specialty', 'location', 'telecom'],
  Organization: ['identifier', 'type', 'telecom', 'address', 'alias'],
  OrganizationAffiliation: ['identifier', 'code', 'specialty', 'location', 'telecom'],
  Location: ['identifier', 'type', 'telecom', 'alias'],
};
const STRINGS = new Set(['family', 'city', 'url', 'gender', 'birthDate', 'resourceType', 'id', 'system', 'start', 'end']);
const STRING_LISTS = new Set(['given', 'prefix', 'suffix', 'line', 'alias']);

/** Throws a 400 structure outcome naming the first element whose JSON type is wrong. */
export function assertShape(value: unknown, path = 'Bundle'): void {
  const problem = findProblem(value, path, 0);
  if (problem) throw plrFailure(400, plainIssue('error', 'structure', `${problem}; the request is not FHIR R4 JSON.`));
}

function findProblem(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 40) return `${path} is nested too deeply`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const p = findProblem(item, `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const type = (value as { resourceType?: unknown }).resourceType;
  const lists = new Set(typeof type === 'string' ? (own(RESOURCE_LISTS, type) ?? []) : []);
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if ((ALWAYS_LISTS.has(key) || lists.has(key)) && !Array.isArray(v)) return `${at} must be an array`;
    if (STRINGS.has(key) && typeof v !== 'string') return `${at} must be a string`;
    if (STRING_LISTS.has(key) && Array.isArray(v) && v.some((x) => typeof x !== 'string')) return `${at} must be an array of strings`;
    if (key === 'name' && typeof type === 'string' && type !== 'Practitioner' && typeof v !== 'string') return `${at} must be a string`;
    const p = findProblem(v, at, depth + 1);
    if (p) return p;
  }
  return undefined;
}
