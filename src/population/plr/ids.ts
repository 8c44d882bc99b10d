// PLR registry ids: IPC/IFC/CPN (prefix + 8 digits + .BC.PRS) and RELN.<n>.PRS relationship ids.

const pad8 = (n: number): string => String(n).padStart(8, '0');

/** Practitioner records use IPC numbers 00100001..00299999, organizations 00300001 upwards. */
export const MAX_PRACTITIONERS = 199_999;

/** Registry id formats (docs/plr.md#resource-model-and-ids). */
export const practitionerIpc = (index: number): string => `IPC.${pad8(100_001 + index)}.BC.PRS`;
export const organizationIpc = (index: number): string => `IPC.${pad8(300_001 + index)}.BC.PRS`;
export const facilityIfc = (index: number): string => `IFC.${pad8(10_001 + index)}.BC.PRS`;
export const personCpn = (person: number): string => `CPN.${pad8(500_001 + person)}.BC.PRS`;
export const relationshipId = (n: number): string => `RELN.${10_001 + n}.PRS`;

/** Hands out RELN ids in generation order. */
export interface RelationshipIds {
  next(): string;
}

/** A counter of RELN ids, one per PLR build (or from `start`, to render one provider's relationships alone). */
export function createRelationshipIds(start = 0): RelationshipIds & { readonly used: number } {
  let n = start;
  return {
    next: () => relationshipId(n++),
    get used() {
      return n;
    },
  };
}
