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
