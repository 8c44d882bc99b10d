// `npm start` builds only when a source is newer than the last complete build (scripts/build-if-stale.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));
const check = (root: string, ...args: string[]) => execFileSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' }).trim();

/** A project with one source file, dated `sourceAt` (seconds since the epoch). */
function project(sourceAt: number): string {
  const root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  writeFileSync(join(root, 'src/cli/index.ts'), 'export {};\n');
  utimesSync(join(root, 'src/cli/index.ts'), sourceAt, sourceAt);
  return root;
}

describe('build-if-stale', () => {
  it('asks for a build when dist/ holds no complete build', () => {
    expect(check(project(1_000), '--dry-run')).toBe('stale: no complete build in dist/');
  });

  it('skips the build when the last build is newer than every source', () => {
    const root = project(1_000);
    check(root, '--stamp');
    expect(check(root, '--dry-run')).toBe('fresh');
  });

  it('names the source that is newer than the last build', () => {
    const root = project(1_000);
    check(root, '--stamp');
    const later = Date.now() / 1000 + 60;
    mkdirSync(join(root, 'src/ui'), { recursive: true });
    writeFileSync(join(root, 'src/ui/page.ts'), 'export {};\n');
    utimesSync(join(root, 'src/ui/page.ts'), later, later);
    expect(check(root, '--dry-run')).toBe(`stale: ${join('src', 'ui', 'page.ts')}`);
  });

  it('counts a changed lock file as a reason to build', () => {
    const root = project(1_000);
    check(root, '--stamp');
    const later = Date.now() / 1000 + 60;
    writeFileSync(join(root, 'package-lock.json'), '{}\n');
    utimesSync(join(root, 'package-lock.json'), later, later);
    expect(check(root, '--dry-run')).toBe('stale: package-lock.json');
  });

  it("counts a change to the build's bundling step or to the command's loader as a reason to build", () => {
    for (const script of ['bundle.mjs', 'cli-loader.mjs']) {
      const root = project(1_000);
      check(root, '--stamp');
      const later = Date.now() / 1000 + 60;
      mkdirSync(join(root, 'scripts'), { recursive: true });
      writeFileSync(join(root, 'scripts', script), '\n');
      utimesSync(join(root, 'scripts', script), later, later);
      expect(check(root, '--dry-run')).toBe(`stale: ${join('scripts', script)}`);
    }
  });
});
