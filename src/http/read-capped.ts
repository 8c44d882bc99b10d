// Reads another system's answer only as far as the sandbox uses it: a partner's endpoint decides how much it sends.

/**
 * At most `maxBytes` of the body (then the connection is let go), and whether more was on its way. Rejects as
 * `res.text()` does when the body breaks off (a timeout, a reset).
 */
export async function readCapped(res: Response, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (!res.body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, length), truncated: false };
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    length += value.byteLength;
    if (length > maxBytes) break;
  }
  await reader.cancel().catch(() => undefined);
  return { bytes: Buffer.concat(chunks, length).subarray(0, maxBytes), truncated: true };
}

/** The same, as UTF-8 text (a character cut at the end is replaced, as a decoder does). */
export async function readTextCapped(res: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const { bytes, truncated } = await readCapped(res, maxBytes);
  return { text: bytes.toString('utf8'), truncated };
}
