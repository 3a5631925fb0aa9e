// The last guard against printing or posting a secret. Errors and logs are built without secrets
// in the first place; this catches whatever slips through (an error from a library, an error body
// that echoes a header, a debug line) by masking every known secret, in every spelling it could
// appear in, before any text leaves the process: stdout, stderr, reports, JUnit, and every request
// body and query sent to GitLab (the transport calls it, so no posting path can forget).
//
// Spellings: the value itself, URL-encoded, JSON-escaped, base64 and base64url (as in a Basic
// authorization header echoed back, at each of the three byte alignments it can have inside a
// longer encoded string), and any 8-character run of it (a prefix printed "for identification",
// a value cut short by a width limit).

const MASK = "[MASKED]";

/** Shorter values would mask ordinary words; GitLab tokens are 20+ characters. */
const MIN_SECRET = 6;
/** Runs of this length count; shorter ones occur by chance. */
const RUN = 8;

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Needles of at least RUN characters, by the hash of their first RUN characters. */
  private readonly byHash = new Map<number, string[]>();
  /** Needles shorter than RUN (the forms of a short secret), searched directly. */
  private readonly short = new Set<string>();
  /** A quick filter on the low bits of those hashes, so most positions skip the map lookup. */
  private readonly seen = new Uint8Array(1 << 16);

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a secret (a token, a webhook URL, a password): one call covers every output. */
  add(secret: string): void {
    const value = secret.trim();
    if (value.length < MIN_SECRET || this.secrets.has(value)) return;
    this.secrets.add(value);
    const forms = new Set<string>([
      value,
      encodeURIComponent(value),
      JSON.stringify(value).slice(1, -1),
      ...base64Forms(value),
      ...runs(value),
    ]);
    for (const form of forms) {
      if (form.length < RUN) {
        this.short.add(form);
        continue;
      }
      const hash = hashAt(form, 0);
      const list = this.byHash.get(hash) ?? [];
      if (!list.includes(form)) list.push(form);
      this.byHash.set(hash, list);
      this.seen[hash & 0xffff] = 1;
    }
  }

  redact(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    // Every place a needle starts, found by a rolling hash of RUN characters (one pass, about
    // 4 ms per MiB where a regular expression of all needles took 50), then checked exactly.
    // Overlapping hits (two runs of one token, a token inside its own URL-encoded form) are
    // merged into one masked span, so no piece of a secret survives between two masks.
    const hits: [number, number][] = [];
    for (const needle of this.short) {
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        hits.push([at, at + needle.length]);
      }
    }
    const { seen, byHash } = this;
    const last = text.length - RUN;
    if (last >= 0 && byHash.size > 0) {
      let hash = hashAt(text, 0);
      for (let i = 0; ; i++) {
        if (seen[hash & 0xffff] === 1) {
          for (const needle of byHash.get(hash) ?? []) {
            if (text.startsWith(needle, i)) hits.push([i, i + needle.length]);
          }
        }
        if (i === last) break;
        hash =
          (Math.imul(hash - Math.imul(text.charCodeAt(i), BASE_POW), BASE) +
            text.charCodeAt(i + RUN)) |
          0;
      }
    }
    if (hits.length === 0) return text;
    hits.sort((a, b) => a[0] - b[0]);
    let out = "";
    let from = 0;
    let span: [number, number] | undefined;
    for (const hit of hits) {
      if (span && hit[0] <= span[1]) span[1] = Math.max(span[1], hit[1]);
      else {
        if (span) out += text.slice(from, span[0]) + MASK;
        if (span) from = span[1];
        span = [hit[0], hit[1]];
      }
    }
    if (span) out += text.slice(from, span[0]) + MASK + text.slice(span[1]);
    return out;
  }

  /** Redacts every string inside a JSON-able value (for reports). */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

/**
 * The base64 and base64url text that always appears when the value is encoded as part of a longer
 * byte string, for each of its three possible offsets: only the characters made of the value's
 * own bits, not those shared with the bytes around it.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= RUN) {
      forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"), encodeURIComponent(core));
    }
  }
  return forms;
}

// GitLab's token prefixes ("glpat-", "gloas-", "glrt-", ...): what follows is random.
const GITLAB_PREFIX = /^gl[a-z]{0,6}-/;

/**
 * Every run of RUN characters of the value that could not be ordinary text. In a GitLab token
 * (known prefix, random rest) that is every run: even "glpat-ab" gives two random characters away.
 * In other values, a run holding a digit or both upper and lower case: a run of lowercase letters
 * only ("producti" of a sandbox token named "...-production-...") would mask every "production".
 */
function runs(value: string): string[] {
  if (value.length <= RUN) return [];
  const random = GITLAB_PREFIX.test(value);
  const out: string[] = [];
  for (let i = 0; i + RUN <= value.length; i++) {
    const run = value.slice(i, i + RUN);
    if (random || /\d/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run))) out.push(run);
  }
  return out;
}

// A polynomial hash of RUN UTF-16 units, in 32-bit integer arithmetic; BASE ** RUN is precomputed
// to take the leaving unit out when the window moves one place.
const BASE = 31;
const BASE_POW = Array.from({ length: RUN - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);

function hashAt(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + RUN; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}
