// One boundary for every surface: no response leaves before the changes it may reflect are durable.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Store } from './store.js';

type Call = { fn: (...args: unknown[]) => unknown; args: unknown[] };

/**
 * Holds `res.write`/`res.end` while the store has changes that are not yet durable, then lets them through in
 * order once the write-ahead log has committed them (a group commit covers every request waiting at that
 * moment). A 2xx therefore means the change survives `kill -9`. If the log cannot be written, the response
 * becomes a 503: nothing is acknowledged that is not on disk.
 */
export function acknowledgeWhenDurable(store: Store): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const write = res.write.bind(res) as (...args: unknown[]) => unknown;
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    let held: Call[] | undefined;
    let failed = false;

    const release = () => {
      const calls = held ?? [];
      held = undefined;
      for (const c of calls) c.fn(...c.args);
    };
    const refuse = (err: Error) => {
      held = undefined;
      if (failed) return;
      failed = true;
      if (res.headersSent) return void res.destroy(err);
      res.statusCode = 503;
      res.setHeader('content-type', 'application/fhir+json');
      res.removeHeader('content-length');
      res.removeHeader('etag');
      end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'transient', diagnostics: `not acknowledged: ${err.message}` }] }));
    };
    const hold = (fn: (...args: unknown[]) => unknown) =>
      function (this: Response, ...args: unknown[]) {
        if (failed) return fn === write;
        if (held) {
          held.push({ fn, args });
          return true;
        }
        if (store.isCommitted()) return fn(...args);
        held = [{ fn, args }];
        store.committed().then(release, refuse);
        return fn === write ? true : res;
      };
    res.write = hold(write) as Response['write'];
    res.end = hold(end) as Response['end'];
    next();
  };
}
