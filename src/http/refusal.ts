// A request refused at the door, answered in the dialect of the surface it was meant for.
import type { Request, Response } from 'express';
import { operationOutcome } from '../fhir/outcome.js';
import { soapFault } from '../hcim/soap/v3-write.js';

/** OAuth endpoints answer {error, error_description} (RFC 6749 §5.2); their paths end like this. */
const OAUTH_PATH = /\/(?:oauth2\/token|openid-connect\/token|auth\/token|auth\/introspect|auth\/authorize)$/;

/** Sends the refusal: a SOAP Fault on HCIM's SOAP endpoint, OAuth error JSON on token endpoints, else an OperationOutcome. */
export function refuse(req: Request, res: Response, status: number, reason: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers);
  const path = req.originalUrl.split('?')[0] ?? '';
  if (path.startsWith('/hcim/soap')) {
    res.type('text/xml; charset=utf-8').send(soapFault(reason));
  } else if (OAUTH_PATH.test(path)) {
    res.json({ error: status === 401 ? 'invalid_client' : 'invalid_request', error_description: reason });
  } else {
    res.type('application/fhir+json; charset=utf-8').send(JSON.stringify(operationOutcome({ code: status === 401 ? 'login' : status === 415 ? 'not-supported' : 'security', diagnostics: reason })));
  }
}
