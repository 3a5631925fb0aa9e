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
