// The repository stands on its own: no tracked file points at a document or path outside it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UNTRACKED = new Set(['.git', 'node_modules', 'dist', 'data', 'test-artifacts']);

/** Tracked files (git ls-files); in a copy without .git, every file but the build and install folders. */
function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        UNTRACKED.has(e.name) ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [relative(ROOT, join(dir, e.name))],
      );
    return walk(ROOT);
  }
}

/** Lines matching a pattern, as `path:line: text`, in every readable text file of `files` under `root`. */
function scan(root: string, files: readonly string[], pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // listed by git but absent from this checkout
    }
    if (text.includes('\0')) continue; // binary
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return hits;
}

const offending = (pattern: RegExp) => scan(ROOT, trackedFiles(), pattern);

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');

/** Whether a repository path exists and, for a Markdown file, has the heading `#anchor` (if one is given). */
function resolves(path: string, anchor: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(ROOT, path), 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EISDIR' && !anchor;
  }
  if (!anchor) return true;
  return [...text.matchAll(/^#{1,6} (.+)$/gm)].some((h) => `#${slug(h[1]!)}` === anchor);
}
const SIBLING = /\.\.[/\\]shared\b|(^|[\s'"`(])shared\/(reference|seeds|ocean-examples|bc-registries-examples|STYLE\.md)/;

describe('a self-contained repository', () => {
  it('lists the tracked files it checks, this test among them', () => {
    expect(trackedFiles()).toContain('test/foundation/self-contained.test.ts');
  });

  it('names no folder beside the repository (the team notes, examples and seeds next to it)', () => {
    expect(offending(SIBLING)).toEqual([]);
  });

  it('names no absolute path of the machine it was written on', () => {
    expect(offending(/(^|[^\w.-])\/work\//)).toEqual([]);
  });

  it('cites no document that is not in the repository (private research notes by name or section)', () => {
    expect(offending(/plr-hcim\.md|(^|[^/\w])ocean\.md\s*§/)).toEqual([]);
  });

  it('names use cases and sources by their public names, not by seed numbers', () => {
    expect(offending(/\bseeds? 0\d\d\b|\bseeds 0\d\d and 0\d\d\b/i)).toEqual([]);
  });

  it('cites only docs/ pages and sections that exist (docs/<page>#<section> in code, relative links in Markdown)', () => {
    const broken: string[] = [];
    const files = trackedFiles();
    for (const file of files.filter((f) => /\.(ts|md|ya?ml|json|sh|mjs)$/.test(f))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/docs\/([\w-]+\.md)((?:#[a-z0-9-]+)?(?:,\s*#[a-z0-9-]+)*)/g)) {
        for (const anchor of m[2]!.split(/,\s*/).filter(Boolean)) if (!resolves(`docs/${m[1]}`, anchor)) broken.push(`${file}: docs/${m[1]}${anchor}`);
        if (!m[2] && !resolves(`docs/${m[1]}`, '')) broken.push(`${file}: docs/${m[1]}`);
      }
      if (!file.endsWith('.md')) continue;
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor = ''] = target.split('#');
        const resolved = path ? normalize(join(dirname(file), path)) : file;
        if (!resolves(resolved, anchor ? `#${anchor}` : '')) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('reports a planted sibling reference with its file and line, so the scan can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-contained-'));
    writeFileSync(join(dir, 'a.ts'), ['// fine', `// See ${'..'}/shared/reference/x.md`].join('\n'));
    expect(scan(dir, ['a.ts'], SIBLING)).toEqual([`a.ts:2: // See ${'..'}/shared/reference/x.md`]);
  });
});
