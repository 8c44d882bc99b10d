// The trainer's dashboard: one export, mounted by the app at `/`.
export { createUiRouter, type UiRouterOptions } from './ui-router.js';
export { CONTENT_SECURITY_POLICY } from './csp.js';
