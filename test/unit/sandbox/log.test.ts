import { describe, expect, it } from "vitest";
import { FILTERED, redact } from "../../../src/sandbox/log.js";

describe("redact", () => {
  it("filters secret keys and every occurrence of a known secret, deeply", () => {
    const value = { private_token: "abc", nested: [{ text: "x glpat-123 y", Token: "t" }], n: 1 };
    expect(redact(value, ["glpat-123"])).toEqual({
      private_token: FILTERED,
      nested: [{ text: `x ${FILTERED} y`, Token: FILTERED }],
      n: 1,
    });
  });
});
