// Tokens: the issuer, the guards and the Keycloak-shaped endpoints.
export * from './token-issuer.js';
export { defaultKeyCacheFile, fileKeyCache, type KeyCache } from './key-cache.js';
export * from './guard.js';
export * from './oauth-error.js';
export { createKeycloakRouter, createOAuthErrorHandler, oauthErrorHandler } from './keycloak-router.js';
export { carryRealmSessions, realmSessionBounds } from './realm-sessions.js';
