/** The text shown in place of a secret. */
export const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (4+ characters) in `text` with `[redacted]`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A copy of `headers` with `authorization` redacted, for hooks and logs. */
export function redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    out[name.toLowerCase()] = name.toLowerCase() === 'authorization' ? `Bearer ${REDACTED}` : value;
  }
  return out;
}
