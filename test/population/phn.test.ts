// PHN check digit rule and the invertible index <-> PHN mapping behind clientByPhn.
import { describe, expect, it } from 'vitest';
import { isValidPhn, phnCheckDigit } from '../../src/population/index.js';
import { createPhnCodec } from '../../src/population/phn-codec.js';
import { smallPopulation } from './support/populations.js';

describe('PHN check digit', () => {
  it.each(['9876543218', '9000000018', '9111111117', '9135724689', '9698658215'])('accepts the known-good PHN %s', (phn) => {
    expect(isValidPhn(phn)).toBe(true);
  });

  it.each(['9698648215', '9999999999', '9123456780'])('rejects the known-bad PHN %s', (phn) => {
    expect(isValidPhn(phn)).toBe(false);
  });

  it('rejects numbers that are not ten digits starting with 9', () => {
    for (const phn of ['8876543218', '987654321', '98765432180', '98765432a8', '']) expect(isValidPhn(phn)).toBe(false);
  });

  it('returns the check digit, or undefined when the remainder is 0 (912345678) or 1 (900000004)', () => {
    expect(phnCheckDigit('987654321')).toBe(8);
    expect(phnCheckDigit('900000001')).toBe(8);
    expect(phnCheckDigit('912345678')).toBeUndefined();
    expect(phnCheckDigit('900000004')).toBeUndefined();
  });

  it('throws when not given nine digits', () => {
    expect(() => phnCheckDigit('12345')).toThrow(RangeError);
  });
});

describe('PHN codec', () => {
  it('maps 100,000 indexes to distinct valid PHNs and back', () => {
    const codec = createPhnCodec(3, []);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const phn = codec.phnOf(i);
      expect(isValidPhn(phn)).toBe(true);
      expect(codec.indexOf(phn)).toBe(i);
      seen.add(phn);
    }
    expect(seen.size).toBe(100_000);
  });

  it('never produces a reserved PHN', () => {
    const reserved = '9876543218';
    const codec = createPhnCodec(1, [reserved]);
    expect(codec.indexOf(reserved)).toBeUndefined();
    for (let i = 0; i < 20_000; i++) expect(codec.phnOf(i)).not.toBe(reserved);
  });

  it('gives a different seed different PHNs', () => {
    const a = createPhnCodec(1, []);
    const b = createPhnCodec(2, []);
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a.phnOf(i) === b.phnOf(i)) same += 1;
    expect(same).toBeLessThan(5);
  });
});

describe('generated clients', () => {
  const population = smallPopulation();

  it('all carry a valid PHN, unique across the population', () => {
    const seen = new Set<string>();
    for (const client of population.clients()) {
      expect(isValidPhn(client.phn), client.phn).toBe(true);
      expect(client.patient.identifier?.[0]?.value).toBe(client.phn);
      seen.add(client.phn);
    }
    expect(seen.size).toBe(population.options.sizes.patients);
  });

  it('are found again by PHN', () => {
    for (const index of [0, 5, 9, 10, 777, 1499]) {
      const client = population.client(index);
      expect(population.clientByPhn(client.phn)?.index).toBe(index);
    }
  });

  it('answers undefined for a valid PHN that no client holds, and for an invalid one', () => {
    const outside = createPhnCodec(1, []).phnOf(population.options.sizes.patients + 10);
    expect(isValidPhn(outside)).toBe(true);
    expect(population.clientByPhn(outside)).toBeUndefined();
    expect(population.clientByPhn('9999999999')).toBeUndefined();
  });
});
