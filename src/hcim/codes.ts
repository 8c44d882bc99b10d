// The BCHCIM.* response code table: every code the simulated registry answers with, and its text.

/** Severity digit of a BCHCIM code: 0 information, 1 warning, 2 error. */
export type HcimSeverity = 'information' | 'warning' | 'error';

export interface HcimCode {
  code: string;
  text: string;
  severity: HcimSeverity;
}

/** The severity follows the code's digit unless the registry's own text says otherwise (`severity`). */
const code = (c: string, text: string, severity?: HcimSeverity): HcimCode => {
  const digit = c.split('.')[2];
  return { code: c, text, severity: severity ?? (digit === '2' ? 'error' : digit === '1' ? 'warning' : 'information') };
};

/**
 * Codes and texts from the Ministry's public code: HNWeb's samples (https://github.com/bcgov/moh-hnweb), the
 * death-date ESB's errorMap.csv (https://github.com/bcgov/moh-hcim-death-date-esb), RTRANS's errorMap.properties
 * (https://github.com/bcgov/moh-rtrans-esb) and the HCIM FHIR IG examples (https://bcgov.github.io/MOH-HCIM-FHIR/).
 */
export const HCIM_CODES = {
  gdSuccess: code('BCHCIM.GD.0.0013', 'The get demographics query completed successfully.'),
  // HNWeb's sample and RTRANS (v2 HNHR511W) treat 0.0015 as a warning though its digit is 0.
  gdMerged: code('BCHCIM.GD.0.0015', 'Warning: The identifier you used in the query has been merged. The surviving identifier was returned.', 'warning'),
  gdNotFound: code('BCHCIM.GD.2.0018', 'The identifier you used in the Get Demographics transaction does not exist in the EMPI.'),
  gdUnavailable: code('BCHCIM.GD.2.0004', 'Error: The EMPI is unavailable. Please report the problem to the helpdesk.'),
  gdInvalid: code('BCHCIM.GD.2.0006', 'Error: The HL7 message is invalid. Please correct the HL7 message, and resubmit it.'),
  fcSuccess: code('BCHCIM.FC.0.0012', 'The search completed successfully.'),
  // A warning, as gdMerged, in HNWeb's FindCandidatesResponse_Warning.xml (its text starts "Warning:").
  fcMaxResults: code('BCHCIM.FC.0.0017', 'Warning: The maximum number of results were returned, and more may be available. Please refine your search criteria and try again.', 'warning'),
  fcNoResults: code('BCHCIM.FC.0.0018', 'No results were returned. Please refine your search criteria, and try again.'),
  fcUnavailable: code('BCHCIM.FC.2.0004', 'Error: The EMPI is unavailable. Please report the problem to the helpdesk.'),
  fcInvalid: code('BCHCIM.FC.2.0006', 'Error: The HL7 message is invalid. Please correct the HL7 message, and resubmit it.'),
  rpNewPhn: code('BCHCIM.RP.0.0000', 'Transaction processed. A new PHN was assigned.'),
  rpExistingPhn: code('BCHCIM.RP.0.0001', 'Transaction processed. An existing PHN was found.'),
  rpAmbiguous: code('BCHCIM.RP.0.0002', 'Transaction processed. The EMPI found more than one possible match, so no PHN has been assigned yet; it will be assigned and distributed later.'),
  rpAccepted: code('BCHCIM.RP.0.0007', 'The Revise Person request has been accepted for processing.'),
  rpMatchedMember: code('BCHCIM.RP.0.0021', 'Transaction processed. A matching CRS member was found.'),
  rpInvalidPhn: code('BCHCIM.RP.2.0002', 'The subject of the transaction has an invalid PHN.'),
  rpInvalid: code('BCHCIM.RP.2.0006', 'Error: The HL7 message is invalid. Please correct the HL7 message, and resubmit it.'),
  rpMothersPhnRejected: code('BCHCIM.RP.2.0022', 'CRS Rejected the Mothers PHN. A new PHN was not assigned.'),
  rpMotherMerged: code('BCHCIM.RP.1.0023', "The mother's PHN was a merge non-survivor; the active PHN was used."),
  rpMergedSubject: code('BCHCIM.RP.2.0015', 'The subject of the transaction has previously been merged, and cannot be updated. Apply the update to the merge survivor instead.'),
  rpDeceased: code('BCHCIM.RP.2.0016', 'The subject of the transaction is deceased as verified by BC Vital Statistics.'),
  rpNoSri: code('BCHCIM.RP.2.0025', 'The source record identifier (SRI) was not supplied.'),
  rpDuplicateMessage: code('BCHCIM.RP.2.0032', 'The message id is a duplicate: a message with this id was already accepted.'),
  rpDeathBeforeBirth: code('BCHCIM.RP.2.0035', 'The date of death is before the date of birth.'),
  rpNewbornBothPhns: code('BCHCIM.RP.2.0534', "A newborn message must contain either the mother's PHN or the newborn's PHN, not both."),
  rpUnavailable: code('BCHCIM.RP.2.0004', 'Error: The EMPI is unavailable. Please report the problem to the helpdesk.'),
  pmSuccess: code('BCHCIM.PM.0.0008', 'The Person Merge request has completed successfully.'),
  brvChecksum: code('BCHCIM.BRV.2.0003', 'PHN Checksum has failed'),
  schSearchCombination: code(
    'BCHCIM.SCH.2.5107',
    'At least two search parameters are required. Valid combinations are Surname and (Date of Birth or Address line 1 or Phone or Postal Code). The Surname is a required search parameter. An empty string is not permitted',
  ),
  schEmptyId: code('BCHCIM.SCH.2.5017', 'The id@extension must not be empty.'),
} as const satisfies Record<string, HcimCode>;

export type HcimCodeName = keyof typeof HCIM_CODES;

/** The transaction families whose codes share suffixes (GD/FC/RP/PM). */
export type HcimTransaction = 'GD' | 'FC' | 'RP' | 'PM';

/**
 * Whether a reused message id is refused (BCHCIM.RP.2.0032, "duplicate message id"): only for writes (revise, add,
 * update, merge). HCIM publishes no duplicate-id code for GetDemographics or FindCandidates, and sending a query
 * again changes nothing, so a query's id is not remembered (docs/hcim.md#message-ids).
 */
export const refusesReusedMessageId = (txn: HcimTransaction): boolean => txn === 'RP' || txn === 'PM';

/** The invalid-message code of a transaction (x.2.0006). */
export function invalidCodeOf(txn: HcimTransaction): HcimCode {
  return txn === 'GD' ? HCIM_CODES.gdInvalid : txn === 'FC' ? HCIM_CODES.fcInvalid : HCIM_CODES.rpInvalid;
}

/** The EMPI-unavailable code of a transaction (x.2.0004). */
export function unavailableCodeOf(txn: HcimTransaction): HcimCode {
  return txn === 'GD' ? HCIM_CODES.gdUnavailable : txn === 'FC' ? HCIM_CODES.fcUnavailable : HCIM_CODES.rpUnavailable;
}
