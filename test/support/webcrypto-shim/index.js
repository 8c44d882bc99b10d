// Node 20's Web Crypto, in the shape fhirclient imports from isomorphic-webcrypto (require(...).default).
module.exports = { default: globalThis.crypto };
