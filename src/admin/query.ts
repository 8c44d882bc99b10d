// Small helpers for admin handlers (Express 5 forwards thrown errors and rejections itself).

/** A query parameter as a single string. */
export function queryString(value: unknown): string | undefined {
  if (Array.isArray(value)) return queryString(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
