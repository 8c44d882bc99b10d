// OperationOutcome builders: every error and warning a FHIR surface reports is one of these.
import type * as fhir from './types.js';

export type IssueSeverity = fhir.OperationOutcomeIssue['severity'];
export type IssueType = fhir.OperationOutcomeIssue['code'];

export interface IssueInput {
  severity?: IssueSeverity;
  code?: IssueType;
  diagnostics?: string;
  /** Registry-specific code (PLR GRS.*, HCIM BCHCIM.*) and its text. */
  details?: fhir.CodeableConcept;
  expression?: string[];
}

/** Builds one issue; severity defaults to error, code to processing. */
export function issue(input: IssueInput): fhir.OperationOutcomeIssue {
  const out: fhir.OperationOutcomeIssue = { severity: input.severity ?? 'error', code: input.code ?? 'processing' };
  if (input.details) out.details = input.details;
  if (input.diagnostics) out.diagnostics = input.diagnostics;
  if (input.expression?.length) out.expression = input.expression;
  return out;
}

/**
 * An OperationOutcome with a human-readable narrative of its issues.
 * See: https://hl7.org/fhir/R4/operationoutcome.html
 */
export function operationOutcome(...issues: IssueInput[]): fhir.OperationOutcome {
  const built = issues.map(issue);
  return {
    resourceType: 'OperationOutcome',
    text: { status: 'generated', div: narrativeOf(built) },
    issue: built,
  };
}

/** The success outcome: one information issue. */
export function allOk(diagnostics = 'All OK'): fhir.OperationOutcome {
  return operationOutcome({ severity: 'information', code: 'informational', diagnostics });
}

/** Escapes text for an XHTML narrative. */
export function escapeXhtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function narrativeOf(issues: fhir.OperationOutcomeIssue[]): string {
  const rows = issues
    .map((i) => {
      const text = i.details?.text ?? i.diagnostics ?? i.code;
      return `<li>${escapeXhtml(i.severity)}: ${escapeXhtml(text)}</li>`;
    })
    .join('');
  return `<div xmlns="http://www.w3.org/1999/xhtml"><ul>${rows}</ul></div>`;
}
