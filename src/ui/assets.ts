// Serves the dashboard's JS and CSS: the files prebuilt by `npm run build`, else a bundle made on first request.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ASSET_NAMES, buildClientAssets, type AssetName } from './client-build.js';

export interface Asset {
  name: AssetName;
  contentType: string;
  body: string;
}

export interface UiAssets {
  get(name: string): Promise<Asset | undefined>;
}

const TYPES: Record<AssetName, string> = { 'app.js': 'text/javascript; charset=utf-8', 'style.css': 'text/css; charset=utf-8' };

/** The directory `npm run build` writes the bundle into (dist/ui/public, beside the compiled router). */
export const PREBUILT_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Loads the assets once, lazily, so creating an app (every test does) costs nothing. */
export function createUiAssets(): UiAssets {
  let loading: Promise<Map<AssetName, string>> | undefined;
  const load = async (): Promise<Map<AssetName, string>> => {
    if (ASSET_NAMES.every((n) => existsSync(`${PREBUILT_DIR}${n}`))) {
      return new Map(ASSET_NAMES.map((n) => [n, readFileSync(`${PREBUILT_DIR}${n}`, 'utf8')]));
    }
    return buildClientAssets();
  };
  return {
    async get(name) {
      if (!(ASSET_NAMES as readonly string[]).includes(name)) return undefined;
      loading ??= load().catch((err: unknown) => {
        loading = undefined;
        throw err;
      });
      const body = (await loading).get(name as AssetName);
      return body === undefined ? undefined : { name: name as AssetName, contentType: TYPES[name as AssetName], body };
    },
  };
}
