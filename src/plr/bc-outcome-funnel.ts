// PLR's one error funnel: every refusal leaves /plr as a BCOperationOutcome, whoever raised it.
import express, { type NextFunction, type Request, type Response } from 'express';
import { fhirError, fhirUnknownRoute, toFhirBoom, type Logger } from '../fhir/index.js';
import { asBcOutcome } from './error-codes.js';
import { FHIR_PATH } from './vocabulary.js';

/**
 * Wraps the PLR FHIR router: unknown paths get a 404 pointing at PLR's CapabilityStatement, and every error
 * (token, routing, body parsing, registry rules) is reshaped into a BCOperationOutcome before the app's
 * error handler renders it.
 */
export function withBcOutcomes(fhirRouter: express.Router, log: Logger): express.Router {
  const router = express.Router();
  router.use(fhirRouter);
  router.use(fhirUnknownRoute('PLR', { metadataPath: `${FHIR_PATH}/metadata` }));
  router.use((err: unknown, req: Request, _res: Response, next: NextFunction) => {
    const boom = toFhirBoom(err);
    const status = boom.output.statusCode;
    if (status >= 500) log.error('PLR request failed', { method: req.method, url: req.originalUrl, error: (err as Error)?.stack ?? String(err) });
    next(fhirError(status, asBcOutcome(boom.data!.outcome, status), boom.data!.headers));
  });
  return router;
}
