// Progress lines of a big population's index build (what the first large search is waiting for), in the log.
import type { Logger } from '../../fhir/index.js';
import type { IndexStatus } from './engine.js';

/**
 * A poll that logs the build's progress each time another tenth of the records is indexed, then once when the
 * index is ready; it returns false from then on (the caller stops polling).
 */
export function buildProgressReporter(status: () => IndexStatus, log: Logger): () => boolean {
  let tenth = 0;
  return () => {
    if (tenth > 10) return false;
    const { ready, indexed, total } = status();
    if (ready) {
      tenth = 11;
      log.info(`HCIM candidate index ready: ${total.toLocaleString('en-CA')} records; searches answer from now on`);
      return false;
    }
    const now = Math.floor((indexed * 10) / Math.max(1, total));
    if (now > tenth) {
      tenth = now;
      log.info(`HCIM candidate index: ${indexed.toLocaleString('en-CA')} of ${total.toLocaleString('en-CA')} records (${now * 10}%); searches wait for it, or answer FC.2.0004 past their bound`);
    }
    return true;
  };
}
