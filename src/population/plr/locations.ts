// PLR facilities as bc-location Location resources, with health service areas and position.
import type * as fhir from '../../fhir/types.js';
import { PLR_EXT, PLR_PROFILE, PLR_SYS } from '../data/plr/systems.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDate } from '../time/calendar.js';
import type { PlrFacility } from '../types.js';
import { coding, endReasonExt, periodExt, plrAddress, plrIdentifier, plrTelecom } from './extensions.js';
import type { FacilityPlan } from './facility-plan.js';
import type { OrgPlan } from './org-plan.js';

/** Health service areas of the facility's locality (bc-facility-health-service-area-extension). */
function serviceArea(f: FacilityPlan): fhir.Extension {
  const l = f.locality;
  return {
    url: PLR_EXT.serviceArea,
    extension: [
      { url: PLR_EXT.healthAuthority, valueString: l.healthAuthority.name },
      { url: PLR_EXT.hsda, valueString: l.hsda.name },
      { url: PLR_EXT.lha, valueString: l.lha.name },
      { url: PLR_EXT.chsa, extension: [{ url: 'name', valueString: l.chsa.name }, { url: 'code', valueIdentifier: { value: String(l.chsa.code) } }] },
    ],
  };
}

function bareAddress(address: fhir.Address): fhir.Address {
  const bare = { ...address };
  delete bare.extension;
  return bare;
}

/** A facility as PLR serves it. See docs/plr.md#profiles (BCLocation). */
export function buildLocation(f: FacilityPlan, operator: OrgPlan | undefined, referenceDay: number): PlrFacility {
  const since = isoDate(f.since);
  const address = plrAddress(f.line, f.locality.city, f.postalCode, since, 'FC');
  const location: fhir.Location = {
    resourceType: 'Location',
    id: f.ifc,
    meta: testMeta(PLR_PROFILE.location),
    text: fieldsNarrative(f.name, [
      ['IFC', f.ifc],
      ['Address', `${f.line}, ${f.locality.city} BC ${f.postalCode}`],
      ['Health authority', f.locality.healthAuthority.name],
      ['HSDA / LHA / CHSA', `${f.locality.hsda.name} / ${f.locality.lha.name} / ${f.locality.chsa.name}`],
      ['Operator', operator?.name],
      ['Former name', f.formerName],
    ]),
    extension: [
      { url: PLR_EXT.facilityDetails, extension: [{ url: 'operatorName', valueString: operator?.name ?? f.name }, periodExt(since)] },
      { url: PLR_EXT.physicalAddress, valueAddress: address },
      serviceArea(f),
    ],
    identifier: [plrIdentifier(PLR_SYS.ifc, f.ifc, since, 'MOH')],
    status: 'active',
    name: f.name,
    _name: { extension: [periodExt(since)] },
    telecom: [plrTelecom('phone', f.phone, since, 'FC')],
    address: bareAddress(address),
    physicalType: coding(SYS.locationPhysicalType, 'bu', 'Building'),
    position: { latitude: f.latitude, longitude: f.longitude },
  };
  if (f.formerName && f.since + 800 < referenceDay) {
    const renamed = isoDate(f.since + 400 + ((f.index * 37) % Math.max(1, referenceDay - f.since - 800)));
    location.alias = [f.formerName];
    location._alias = [{ extension: [periodExt(since, renamed), endReasonExt('CHG')] }];
  }
  return { ifc: f.ifc, location };
}
