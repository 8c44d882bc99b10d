// What an outbound attempt's network failure is called in the journal and the delivery's attempts.

export function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out waiting for the endpoint';
  return e.cause?.code ? `${e.cause.code}: ${e.cause.message ?? ''}`.trim() : (e.message ?? String(err));
}
