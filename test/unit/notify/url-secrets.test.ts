// A webhook URL's secret is its path, query and credentials: those are masked, while the scheme
// and host stay readable (masking "https://" would garble every URL the tool prints).

import { describe, expect, it } from "vitest";
import { secretsInEnvironment, urlSecretParts } from "../../../src/config/secrets.js";
import { Redactor } from "../../../src/report/redact.js";

const SLACK = "https://hooks.slack.com/services/T0AAA/B0BBB/abcdefghijklmnop";

describe("webhook URL secrets", () => {
  it("masks the URL's path and query but not other URLs on the same host", () => {
    const redactor = new Redactor(urlSecretParts(SLACK));
    expect(redactor.redact(`posting to ${SLACK}`)).not.toContain("abcdefgh");
    expect(redactor.redact(`posting to ${SLACK}`)).not.toContain("T0AAA/B0BBB");
    expect(redactor.redact("see https://gitlab.example.com/g/p/-/issues/42")).toBe(
      "see https://gitlab.example.com/g/p/-/issues/42",
    );
  });

  it("keeps credentials in a URL secret, and a host-only or non-URL value whole", () => {
    expect(urlSecretParts("https://user:p%40ss@h.example/x")).toEqual(["/x", "user", "p@ss"]);
    expect(urlSecretParts("https://secret-host.example")).toEqual(["https://secret-host.example"]);
    expect(urlSecretParts("glpat-abcdefghijklmnopqrst")).toEqual(["glpat-abcdefghijklmnopqrst"]);
  });

  it("registers a *WEBHOOK* variable's URL by its secret part before the config is read", () => {
    expect(secretsInEnvironment({ FF_WEBHOOK_TEAM: `${SLACK}?k=1` })).toEqual([
      "/services/T0AAA/B0BBB/abcdefghijklmnop?k=1",
    ]);
  });
});
