import { describe, expect, it } from "vitest";
import { Redactor } from "../../../src/report/redact.js";

describe("Redactor", () => {
  const token = "glpat-Ab+c/d=efgh12345";
  const redactor = new Redactor([token]);

  it("masks a token in every spelling it can take", () => {
    expect(redactor.redact(`PRIVATE-TOKEN: ${token}`)).toBe("PRIVATE-TOKEN: [MASKED]");
    expect(redactor.redact(`?private_token=${encodeURIComponent(token)}`)).toBe(
      "?private_token=[MASKED]",
    );
    expect(redactor.redact(JSON.stringify({ t: `a"${token}` }))).not.toContain("glpat-");
  });

  it("masks inside structured values", () => {
    expect(redactor.redactValue({ nested: [token, "ok"] })).toEqual({ nested: ["[MASKED]", "ok"] });
  });

  it("ignores values too short to be tokens, which would mask ordinary words", () => {
    const r = new Redactor(["on"]);
    expect(r.redact("the flag is on")).toBe("the flag is on");
  });
});

describe("Redactor: encoded forms and pieces", () => {
  const token = "glpat-Xq4vB7nR2kLm9TzW0pYd";
  const redactor = new Redactor([token]);
  const expectMasked = (text: string) => {
    const out = redactor.redact(text);
    expect(out).toContain("[MASKED]");
    for (let i = 0; i + 8 <= token.length; i++) expect(out).not.toContain(token.slice(i, i + 8));
    return out;
  };

  it("masks the base64 and base64url forms at every byte offset (a Basic header echoed back)", () => {
    for (const user of ["", "a:", "ab:", "abc:", "dana:"]) {
      const basic = Buffer.from(`${user}${token}`).toString("base64");
      const out = redactor.redact(`Authorization: Basic ${basic}`);
      expect(out, user).toContain("[MASKED]");
      expect(out).not.toContain(basic);
      const url = Buffer.from(`${user}${token}?`).toString("base64url");
      expect(redactor.redact(url)).toContain("[MASKED]");
    }
  });

  it("masks any 8-character run: a prefix, a suffix, a cut-off value", () => {
    expect(expectMasked(`token ${token.slice(0, 10)}... rejected`)).toBe(
      "token [MASKED]... rejected",
    );
    expectMasked(`ends with ${token.slice(-9)}`);
    expectMasked(`middle ${token.slice(7, 16)} here`);
  });

  it("masks the URL-encoded form of its base64", () => {
    const basic = Buffer.from(`u:${token}`).toString("base64");
    expectMasked(encodeURIComponent(basic));
  });

  it("merges overlapping pieces into one mask, leaving nothing between", () => {
    expect(redactor.redact(`${token}${token.slice(0, 12)}`)).toBe("[MASKED]");
  });

  it("leaves ordinary words alone for a readable non-GitLab secret", () => {
    const r = new Redactor(["sandbox-production-admin-0003"]);
    expect(r.redact("production is on")).toBe("production is on");
    expect(r.redact("id admin-0003")).toBe("id [MASKED]");
  });
});
