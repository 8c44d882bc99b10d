// When a FHIRPath result holds (an assert without equals, an expect's where): never on a false among several.
import { describe, expect, it } from 'vitest';
import { evaluateFhirPath, isTruthy } from '../../src/scenarios/fhirpath.js';

describe('isTruthy', () => {
  it('holds for a non-empty result with no false in it', () => {
    expect(isTruthy([])).toBe(false);
    expect(isTruthy([false])).toBe(false);
    expect(isTruthy([true])).toBe(true);
    expect(isTruthy(['x', { a: 1 }])).toBe(true);
  });

  it('does not hold when any of several booleans is false', () => {
    expect(isTruthy([false, false])).toBe(false);
    expect(isTruthy([true, false])).toBe(false);
    const bundle = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', active: true } }, { resource: { resourceType: 'Patient', active: false } }] };
    expect(isTruthy(evaluateFhirPath(bundle, 'entry.resource.active'))).toBe(false);
  });
});

describe('an expression evaluated again (parsed once, then reused)', () => {
  it('gives each evaluation its own data and variables, and fails a bad expression every time', () => {
    const bundle = (status: string) => ({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'Task', status } }] });
    const expression = "entry.resource.ofType(Task).status = %wanted";
    expect(evaluateFhirPath(bundle('accepted'), expression, { wanted: 'accepted' })).toEqual([true]);
    expect(evaluateFhirPath(bundle('accepted'), expression, { wanted: 'completed' })).toEqual([false]);
    expect(evaluateFhirPath(bundle('completed'), expression, { wanted: 'completed' })).toEqual([true]);
    for (let i = 0; i < 2; i++) expect(() => evaluateFhirPath(bundle('x'), 'entry.resource.where(')).toThrow(/FHIRPath "entry.resource.where\(" failed/);
  });

  it('evaluates more distinct and longer expressions than it keeps', () => {
    for (let i = 0; i < 300; i++) expect(evaluateFhirPath({ n: i }, `n = ${i}`)).toEqual([true]);
    const long = `${'1 + '.repeat(700)}1`;
    expect(evaluateFhirPath({}, long)).toEqual([701]);
    expect(evaluateFhirPath({}, long)).toEqual([701]);
  });
});
