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
  private needles: string[] = [];
  private pattern: RegExp | undefined;

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
    for (const form of forms)
      if (form.length >= Math.min(RUN, value.length)) this.needles.push(form);
    this.needles = [...new Set(this.needles)].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(this.needles.map(escapeRegExp).join("|"), "g");
  }

  redact(text: string): string {
    const pattern = this.pattern;
    if (!pattern || text.length === 0) return text;
    // Overlapping hits (two runs of one token, a token inside its own URL-encoded form) are
    // merged into one masked span, so no piece of a secret survives between two masks.
    const spans: [number, number][] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const end = m.index + m[0].length;
      const last = spans.at(-1);
      if (last && m.index <= last[1]) last[1] = Math.max(last[1], end);
      else spans.push([m.index, end]);
      pattern.lastIndex = m.index + 1;
    }
    if (spans.length === 0) return text;
    let out = "";
    let from = 0;
    for (const [start, end] of spans) {
      out += text.slice(from, start) + MASK;
      from = end;
    }
    return out + text.slice(from);
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
