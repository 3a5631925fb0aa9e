// The last guard against printing a token. Errors and logs are built without secrets in the first
// place; this catches whatever slips through (an error from a library, a body that echoes a
// header) by replacing every known secret, in every spelling it could appear in, before any text
// leaves the process: stdout, stderr, notes, reports.

const MASK = "[MASKED]";

export class Redactor {
  private readonly needles: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string): void {
    // Very short values would mask ordinary words; GitLab tokens are 20+ characters.
    if (secret.length < 6) return;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      if (!this.needles.includes(form)) this.needles.push(form);
    }
    // Longest first, so a secret that contains another is masked whole.
    this.needles.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(MASK);
    }
    return out;
  }

  /** Redacts every string inside a JSON-able value (for reports). */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}
