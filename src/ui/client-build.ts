// Bundles the browser TypeScript under client/ with esbuild: in memory (dev, tests) or into dist (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The files the dashboard shell loads. */
export const ASSET_NAMES = ['app.js', 'style.css'] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

/** Where the client sources are: next to this file (tsx, vitest) or in ../../src/ui/client (compiled into dist/ui). */
export function clientSourceDir(): string | undefined {
  for (const rel of ['./client/', '../../src/ui/client/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}main.ts`)) return dir;
  }
  return undefined;
}

/** Bundles the client; returns the assets by name, or writes them into `outdir` when given. */
export async function buildClientAssets(outdir?: string): Promise<Map<AssetName, string>> {
  const src = clientSourceDir();
  if (!src) throw new Error('the dashboard sources (src/ui/client) are missing; run `npm run build` where src/ is present');
  // Imported lazily: production serves the prebuilt files and never loads esbuild.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { app: `${src}main.ts`, style: `${src}styles.css` },
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    platform: 'browser',
    tsconfig: `${src}tsconfig.json`,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    write: outdir !== undefined,
    outdir: outdir ?? '/virtual',
  });
  const assets = new Map<AssetName, string>();
  for (const f of result.outputFiles ?? []) {
    const name = f.path.endsWith('.css') ? 'style.css' : 'app.js';
    assets.set(name, f.text);
  }
  return assets;
}
