// Ocean's allow-list of SMART issuers (EHR FHIR bases): who may launch Ocean, with Ocean's client id and secret there.
import type { Store } from '../../store/index.js';

/** One allowed issuer, as Ocean support registers it. See: docs/smart-launch.md#what-ocean-does-on-launch step 1. */
export interface AllowedIssuer {
  /** The FHIR base URL the EHR sends as `iss`. */
  iss: string;
  /** Ocean's client id at that EHR. */
  clientId: string;
  /** Absent when the EHR registered Ocean as a public client (PKCE, no client authentication). */
  clientSecret?: string;
  label?: string;
  /** When true, `iss` is a prefix: any FHIR base below it is allowed (simulators mint an `iss` per launch). */
  prefix?: boolean;
}

const COLLECTION = 'ocean.smart-issuers';

/** Trailing slashes do not make a different issuer. */
export function normalizeIss(iss: string): string {
  const trimmed = iss.trim();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '/') end--;
  return trimmed.slice(0, end);
}

/** The sandbox's reference EMR, allowed out of the box (its side of the registration is in src/pos). */
export function referenceEmrIssuer(baseUrl: string): AllowedIssuer {
  return { iss: `${baseUrl}/pos/emr/fhir`, clientId: 'ocean-smart', clientSecret: 'ocean-smart-secret', label: 'hie-sandbox reference EMR' };
}

export function createIssuerRegistry(store: Store, baseUrl: string) {
  const builtIn = referenceEmrIssuer(baseUrl);
  return {
    /** Stored entries win over the built-in one, so the reference EMR's entry can be changed too. */
    find(iss: string): AllowedIssuer | undefined {
      const key = normalizeIss(iss);
      const exact = store.get<AllowedIssuer>(COLLECTION, key) ?? (key === builtIn.iss && !store.get(COLLECTION + '.removed', key) ? builtIn : undefined);
      if (exact) return exact;
      // A registered prefix covers FHIR bases below it (path segments, never a longer host or segment name); the longest wins.
      return store
        .list<AllowedIssuer>(COLLECTION)
        .filter((i) => i.prefix && key.startsWith(`${i.iss}/`))
        .sort((a, b) => b.iss.length - a.iss.length)[0];
    },
    list(): AllowedIssuer[] {
      const stored = store.list<AllowedIssuer>(COLLECTION);
      const builtInActive = !stored.some((i) => i.iss === builtIn.iss) && !store.get(COLLECTION + '.removed', builtIn.iss);
      return builtInActive ? [builtIn, ...stored] : stored;
    },
    put(entry: AllowedIssuer): AllowedIssuer {
      const iss = normalizeIss(entry.iss);
      store.remove(COLLECTION + '.removed', iss);
      return store.put(COLLECTION, iss, { ...entry, iss });
    },
    remove(iss: string): boolean {
      const key = normalizeIss(iss);
      const had = store.remove(COLLECTION, key) || (key === builtIn.iss && !store.get(COLLECTION + '.removed', key));
      if (key === builtIn.iss) store.put(COLLECTION + '.removed', key, { iss: key });
      return had;
    },
  };
}

export type IssuerRegistry = ReturnType<typeof createIssuerRegistry>;
