// Loads a package the first time it is used instead of at start: the start path only pays for what a start needs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A loader of package `id` (its CommonJS entry, loaded synchronously once, then kept). Type it with the
 * package's own types: `const xml = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser')`.
 */
export function lazyPackage<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
