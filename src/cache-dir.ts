// Where the sandbox keeps what it can rebuild but would rather not: the signing key of in-memory starts,
// big populations' candidate indexes. One directory per user under the OS temporary directory.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(): string {
  return join(tmpdir(), `hie-sandbox-${process.getuid?.() ?? 'user'}`);
}
