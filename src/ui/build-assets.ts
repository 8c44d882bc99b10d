// `npm run build` step: writes the dashboard bundle into dist/ui/public (run as node dist/ui/build-assets.js).
import { PREBUILT_DIR } from './assets.js';
import { buildClientAssets } from './client-build.js';

await buildClientAssets(PREBUILT_DIR);
process.stdout.write(`dashboard assets written to ${PREBUILT_DIR}\n`);
