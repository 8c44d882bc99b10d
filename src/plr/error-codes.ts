// The one table of PLR registry codes (GRS.*, PRS.*) with their texts, and the outcome builders that use it.
import { fhirError, operationOutcome, type FhirBoom, type IssueInput } from '../fhir/index.js';
import type * as fhir from '../fhir/types.js';
import { CS } from './vocabulary.js';

export interface PlrCode {
  code: string;
  severity: fhir.OperationOutcomeIssue['severity'];
  issueType: fhir.OperationOutcomeIssue['code'];
  /** The text, with `{field}`, `{min}`, `{max}` placeholders where the registry fills them in. */
  text: string;
}

/** Every registry-coded issue is `business-rule`, as all of the IG's BCOperationOutcome examples are. */
const entry = (code: string, severity: PlrCode['severity'], text: string): PlrCode => ({ code, severity, issueType: 'business-rule', text });

/**
 * The registry's codes. Texts quoted by the PLR IG's OperationOutcome examples
 * (https://github.com/bcgov/moh-plr-fhir, input/fsh/examples/OperationOutcomeExamples.fsh) are verbatim; the
 * others are written from the short descriptions of the Ministry's test suite
 * (https://github.com/bcgov/moh-plr-web-test-suite, data/error-list.json), since the full texts are not public.
 * `SANDBOX.*` codes are the sandbox's own, where PLR's code is not public (bc-error-code-system is `not-present`).
 */
export const PLR_CODES = {
  processed: entry('PRS.PRP.MTN.UNK.0.0.0000', 'information', 'The provider transaction was processed.'),
  querySuccessful: entry('PRS.PRP.MTN.UNK.0.0.7067', 'information', 'Query successful'),
  noMatch: entry('GRS.DPS.UNK.UNK.0.0.7047', 'warning', 'No provider records found for the input parameters.'),
  permissionsRemoved: entry('GRS.DPS.UNK.UNK.0.0.7049', 'error', 'Some results were removed under data permission rules.'),
  wildcard: entry('GRS.DPS.UNK.UNK.0.0.7018', 'error', 'Only one wildcard (*) is allowed in a field.'),
  mandatory: entry(
    'GRS.SYS.UNK.UNK.1.0.5000',
    'error',
    "Entry error. Some mandatory data is missing in your transaction. The following fields must be supplied: '{field}'. Your transaction has not been processed. Correct and resubmit.",
  ),
  length: entry('GRS.SYS.UNK.UNK.1.0.5003', 'error', "Entry error. '{field}' length must be between {min} and {max}. Your transaction has not been processed. Correct and resubmit."),
  dateOnly: entry('GRS.SYS.UNK.UNK.1.0.5004', 'error', "Entry error. '{field}' may contain only a date. Your transaction has not been processed. Correct and resubmit."),
  birthDateRange: entry('PRS.SYS.DEM.UNK.1.0.9025', 'error', "'{field}' must be between 1800-01-01 and today."),
  nameCharacters: entry('GRS.SYS.NAM.UNK.1.0.7007', 'error', "'{field}' may contain only letters, spaces, apostrophes ('), hyphens (-) and periods (.)."),
  identifierCharacters: entry('GRS.SYS.IDE.UNK.1.0.7006', 'error', "'{field}' may contain only digits, letters and periods."),
  telecomCharacters: entry('GRS.SYS.TEL.UNK.1.0.7008', 'error', "'{field}' may contain only digits, spaces and hyphens (-)."),
  electronicAddress: entry('GRS.SYS.ELE.UNK.1.0.7013', 'error', "'{field}' is not a valid electronic address."),
  addressCharacters: entry('GRS.SYS.ADD.UNK.1.1.7003', 'error', "'{field}' contains characters that are not allowed in an address."),
  noteCharacters: entry('GRS.SYS.UNK.UNK.1.0.7004', 'error', "'{field}' contains characters that are not allowed in a note."),
  facilityNameCharacters: entry('GRS.SYS.ELE.UNK.1.0.9020', 'error', "'{field}' contains characters that are not allowed in a facility name."),
  justSpaces: entry('GRS.SYS.UNK.UNK.1.0.7042', 'error', "'{field}': Cannot be just spaces"),
  duplicate: entry('GRS.SYS.UNK.UNK.1.0.7033', 'error', 'Cannot create duplicate record'),
  relationshipTarget: entry('GRS.SYS.IDE.UNK.1.0.7036', 'error', 'Identifier does not uniquely identify a Provider. Cannot create relationship.'),
  facilityOrgRelationship: entry('PRS.FAC.REL.MTN.1.0.9026', 'error', 'A facility can only be related to an organizational provider: {field} is not an organization identifier.'),
  uniqueTypePurpose: entry('PRS.REG.UNK.MTN.1.0.2201', 'error', "Only one current '{field}' of the same type and purpose is allowed unless the data owner differs."),
  addressRecommendation: entry('PRS.SYS.ADR.UNK.1.0.7052', 'warning', 'The address was validated and a recommendation was given.'),
  addressUnvalidated: entry('PRS.SYS.ADR.UNK.1.0.7054', 'warning', 'Unable to validate the address.'),
  duplicateFacilityAddress: entry('PRS.SYS.ADR.UNK.1.0.7055', 'warning', 'A facility with this address already exists: {field}.'),
  // The PLR web UI's verbatim text for the 20-result cap; its FHIR code is not public.
  maxResults: entry('SANDBOX.DPS.MAX-RESULTS', 'warning', 'Maximum search results returned. Please refine your search criteria.'),
  userIdMissing: entry('SANDBOX.SYS.USERID', 'error', 'PLR needs a UserId header naming the user and their identity provider, e.g. "UserId: bsmith@IDIR" (userID is accepted too).'),
} as const satisfies Record<string, PlrCode>;

export type PlrCodeName = keyof typeof PLR_CODES;

export interface PlrIssueInput {
  field?: string;
  min?: number;
  max?: number;
  /** Where in the request (FHIRPath-ish), for `issue.expression`. */
  expression?: string;
  /** Extra words for `issue.diagnostics`. */
  diagnostics?: string;
}

/** Fills in a code's text. */
export function plrText(name: PlrCodeName, input: PlrIssueInput = {}): string {
  return PLR_CODES[name].text.replace('{field}', input.field ?? '').replace('{min}', String(input.min ?? '')).replace('{max}', String(input.max ?? ''));
}

/** One issue in the BCOperationOutcome shape: `details.coding` from bc-error-code-system and `details.text`. */
export function plrIssue(name: PlrCodeName, input: PlrIssueInput = {}): IssueInput {
  const c = PLR_CODES[name];
  const text = plrText(name, input);
  return {
    severity: c.severity,
    code: c.issueType,
    details: { coding: [{ system: CS.errors, code: c.code }], text },
    diagnostics: input.diagnostics ? `${c.code}: ${text} ${input.diagnostics}` : `${c.code}: ${text}`,
    expression: input.expression ? [input.expression] : undefined,
  };
}

/** The sandbox's code for an issue PLR has no published code for: `SANDBOX.<FHIR issue type or HTTP status>`. */
export const sandboxCode = (what: string | number): fhir.Coding => ({ system: CS.errors, code: `SANDBOX.${typeof what === 'number' ? `HTTP.${what}` : what.toUpperCase()}` });

/** An issue the registry has no published code for: sandbox wording, and a `SANDBOX.*` code naming its issue type. */
export function plainIssue(severity: PlrCode['severity'], issueType: PlrCode['issueType'], text: string): IssueInput {
  return { severity, code: issueType, details: { coding: [sandboxCode(issueType)], text }, diagnostics: text };
}

/**
 * The outcome as a BCOperationOutcome (`details.coding` 1..1 and `details.text` 1..1 on every issue): issues
 * built outside PLR (token, routing, body parsing) get the sandbox code of their HTTP status.
 * See: https://bcgov.github.io/moh-plr-fhir/StructureDefinition-bc-operation-outcome.html
 */
export function asBcOutcome(outcome: fhir.OperationOutcome, status: number): fhir.OperationOutcome {
  const issue = outcome.issue.map((i) => {
    const coding = i.details?.coding?.length ? i.details.coding.slice(0, 1) : [sandboxCode(status)];
    return { ...i, details: { coding, text: i.details?.text ?? i.diagnostics ?? i.code } };
  });
  return { ...outcome, issue };
}

/** An OperationOutcome from registry codes. */
export function plrOutcome(...issues: IssueInput[]): fhir.OperationOutcome {
  return operationOutcome(...issues);
}

/** A refusal carrying registry-coded issues. */
export function plrFailure(status: number, ...issues: IssueInput[]): FhirBoom {
  return fhirError(status, plrOutcome(...issues));
}
