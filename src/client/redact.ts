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

/**
 * A deep copy of `value` (JSON-like data) with every string, and every object key, passed through
 * {@link scrub}. Cycles become `[circular]` and anything deeper than `maxDepth` becomes `[truncated]`.
 */
export function scrubDeep(value: unknown, secrets: readonly string[], maxDepth = 8): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrub(v, secrets);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[circular]';
    if (depth >= maxDepth) return '[truncated]';
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      out = v.map((item) => walk(item, depth + 1));
    } else {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        // defineProperty, not assignment: a `__proto__` key from JSON must stay data.
        Object.defineProperty(copy, scrub(key, secrets), {
          value: walk(item, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out = copy;
    }
    seen.delete(v);
    return out;
  };
  return walk(value, 0);
}

/**
 * Cuts `text` to `max` characters after scrubbing, and drops a tail that could be the start of a
 * secret (4+ characters), so a secret straddling the cut never shows in part.
 */
export function scrubSnippet(text: string, secrets: readonly string[], max: number): string {
  let out = scrub(scrub(text, secrets).replace(/\s+/g, ' ').trim(), secrets).slice(0, max);
  for (let changed = true; changed;) {
    changed = false;
    for (const secret of secrets) {
      for (let n = Math.min(secret.length - 1, out.length); n >= 4; n--) {
        if (out.endsWith(secret.slice(0, n))) {
          out = out.slice(0, -n).trimEnd();
          changed = true;
          break;
        }
      }
    }
  }
  return out;
}

/** Extra headers whose names suggest a credential (`x-api-key`, `cookie`, `x-session-token` …). */
const SECRET_HEADER = /auth|cookie|token|secret|key|pass|session|credential|signature/;

/**
 * A copy of `headers` for hooks and logs: `authorization` redacted, and the value of any header
 * whose name suggests a credential.
 */
export function redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = key === 'authorization' ? `Bearer ${REDACTED}` : SECRET_HEADER.test(key) ? REDACTED : value;
  }
  return out;
}

/** Response fields that hold a created key's secret (`createToken.secret`, `createIntegrationInstanceToken.token`). */
const SECRET_FIELDS = ['secret', 'token'] as const;

/**
 * Every secret one client must keep out of its errors: its API key, and each secret it has seen
 * in a response (a created key's `secret` / `token`), whether the call succeeded or not, so that a
 * later error that echoes one (in `errors[]`, an extension, a body) shows `[redacted]`.
 * Owned by the client instance; keeps the {@link SecretBook.limit} most recent response secrets.
 */
export class SecretBook {
  /** Most response secrets remembered (the API key is always kept). */
  static readonly limit = 256;
  readonly #apiKey: string;
  readonly #seen: string[] = [];

  /** @param apiKey - the client's API key */
  constructor(apiKey: string) {
    this.#apiKey = apiKey;
  }

  /** Every secret to scrub: the API key first. */
  get list(): readonly string[] {
    return this.#seen.length === 0 ? [this.#apiKey] : [this.#apiKey, ...this.#seen];
  }

  /** Records the secrets in a response's `data` (each top-level field's `secret` / `token` string). */
  learn(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    for (const field of Object.values(data as Record<string, unknown>)) {
      if (typeof field !== 'object' || field === null) continue;
      for (const name of SECRET_FIELDS) {
        const value = (field as Record<string, unknown>)[name];
        if (typeof value === 'string' && value.length >= 4 && !this.#seen.includes(value)) {
          if (this.#seen.length >= SecretBook.limit) this.#seen.shift();
          this.#seen.push(value);
        }
      }
    }
  }
}
