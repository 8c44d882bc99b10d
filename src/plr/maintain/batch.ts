// $batch: a batch Bundle of independent maintain bundles; one bad maintain does not sink the others, an entry breaking bc-batch-bundle does.
import { batchResponseBundle, isFhirBoom, type IssueInput, type ResponseEntryInput } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import type { PlrContext } from '../context.js';
import { plainIssue, plrFailure, plrIssue, plrOutcome } from '../error-codes.js';
import { runMaintain } from './maintain-service.js';

export interface BatchResult {
  response: fhir.Bundle;
  outcome: fhir.OperationOutcome;
  summary: string;
  /** Entries refused (a batch is answered 200 whatever its entries' outcomes). */
  refused: number;
}

/**
 * Most entries one batch may carry. PLR publishes no limit (bc-batch-bundle has `entry 1..*`). Each entry is a whole
 * maintain, run in turn while the sandbox answers nothing else, then distributed to every subscriber: 100 is more
 * than a source's batches of provider changes need and keeps one batch well under a second; more entries
 * go in further batches.
 */
export const MAX_BATCH_ENTRIES = 100;

const STATUS_TEXT: Record<number, string> = { 200: '200 OK', 400: '400 Bad Request', 409: '409 Conflict', 422: '422 Unprocessable Entity' };

/**
 * The entry elements bc-batch-bundle requires: `fullUrl` 1..1, `request` 1..1 with `method` fixed to PUT and `url`
 * 1..1, and a practitioner bundle in each (the profile's Organization and Location slices are commented out, and the
 * IG's operation page says batch covers "Practitioner only for now"). A batch that breaks them fails validation as a
 * whole (one OperationOutcome, no entry run), as the IG's
 * specification page describes a batch that "failed validation"; what each entry holds is judged per entry.
 * See: https://bcgov.github.io/moh-plr-fhir/StructureDefinition-bc-batch-bundle.html
 */
function assertBatchEntries(entries: fhir.BundleEntry[]): void {
  const issues: IssueInput[] = [];
  entries.forEach((entry, i) => {
    const at = `Bundle.entry[${i}]`;
    const missing = (field: string) => issues.push(plrIssue('mandatory', { field: `Bundle.entry.${field}`, expression: `${at}.${field}` }));
    if (!entry?.fullUrl) missing('fullUrl');
    const request = entry?.request;
    if (!request) return missing('request');
    if (request.method !== 'PUT') issues.push({ ...plainIssue('error', 'structure', `${at}.request.method must be PUT (bc-batch-bundle).`), expression: [`${at}.request.method`] });
    if (!request.url) missing('request.url');
    const inner = entry?.resource as fhir.Bundle | undefined;
    const other = inner?.resourceType === 'Bundle' && Array.isArray(inner.entry) ? inner.entry.find((e) => e?.resource?.resourceType === 'Organization' || e?.resource?.resourceType === 'Location')?.resource : undefined;
    if (other) {
      const what = other.resourceType === 'Organization' ? 'an organization' : 'a facility';
      issues.push({ ...plainIssue('error', 'structure', `${at}.resource is ${what} bundle: PLR's $batch takes practitioner bundles only (bc-batch-bundle: "Practitioner only for now"; its Organization and Location slices are not live). Send organizations and facilities with $maintain, one at a time.`), expression: [`${at}.resource`] });
    }
  });
  if (issues.length) throw plrFailure(400, ...issues);
}

/** Runs every entry in order; each success distributes its entity. */
export function runBatch(ctx: PlrContext, bundle: fhir.Bundle, partner: string | undefined, messageId: string): BatchResult {
  if (bundle.type !== 'batch') throw plrFailure(400, plainIssue('error', 'structure', `The batch parameter must be a Bundle of type batch (bc-batch-bundle), not ${bundle.type ?? 'an untyped Bundle'}.`));
  const entries = bundle.entry ?? [];
  if (!entries.length) throw plrFailure(400, plrIssue('mandatory', { field: 'Bundle.entry', expression: 'Bundle.entry' }));
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw plrFailure(400, plrIssue('length', { field: 'Bundle.entry', min: 1, max: MAX_BATCH_ENTRIES, expression: 'Bundle.entry', diagnostics: `This batch has ${entries.length}; send the rest in further batches.` }));
  }
  assertBatchEntries(entries);
  let ok = 0;
  const items: ResponseEntryInput[] = entries.map((entry, i) => {
    const inner = entry.resource as fhir.Bundle | undefined;
    if (inner?.resourceType !== 'Bundle') {
      return { status: STATUS_TEXT[400]!, outcome: plrOutcome(plainIssue('error', 'structure', `Bundle.entry[${i}] must hold a practitioner maintain Bundle.`)) };
    }
    try {
      const result = runMaintain(ctx, inner);
      ctx.distributor.changed([result.id], { kind: 'batch', partner, messageId: `${messageId}#${i + 1}` });
      ok += 1;
      return { status: result.created ? '201 Created' : STATUS_TEXT[200]!, location: `${result.bundle.entry?.[0]?.resource?.resourceType}/${result.id}`, outcome: result.outcome, resource: result.bundle };
    } catch (err) {
      if (!isFhirBoom(err)) throw err;
      return { status: STATUS_TEXT[err.output.statusCode] ?? String(err.output.statusCode), outcome: err.data!.outcome };
    }
  });
  const summary = `${ok} of ${entries.length} entries processed`;
  const outcome = ok === entries.length ? plrOutcome(plrIssue('processed')) : plrOutcome(plrIssue('processed', { diagnostics: summary }), plainIssue('warning', 'incomplete', `${entries.length - ok} of ${entries.length} batch entries were refused; see each entry's outcome.`));
  return { response: batchResponseBundle(items, { timestamp: ctx.deps.clock.iso() }), outcome, summary, refused: entries.length - ok };
}
