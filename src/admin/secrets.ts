// Listings never carry secrets: a secret is read from its own record, asked for by name.

/** Keys whose values are secrets, wherever they appear in a listed record. */
const SECRET_KEYS = new Set(['clientsecret', 'client_secret', 'sharedencryptionkey', 'password', 'authorization', 'cookie', 'x-api-key', 'token']);

/** Shown instead of a secret in a listing. */
export const MASK = '***';

/** A deep copy of `value` with every secret replaced by `***` (plain JSON data only). */
export function withoutSecrets<T>(value: T): T {
  return mask(value) as T;
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEYS.has(key.toLowerCase()) && v !== undefined && v !== null ? MASK : mask(v);
  return out;
}
