// The built CLI, as a child process runs it (`hie-sandbox` is `node dist/cli/index.js`); global-setup.ts builds it.
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');
export const CLI_ENTRY = join(REPO_ROOT, 'dist/cli/index.js');
