// The readiness verdicts as JUnit XML, so GitLab's test report shows one test case per flag and
// check: not ready is a failure; a warning passes with its reason in system-out (JUnit has no
// warning state, and a skipped case would claim the check did not run).

import type { FlagReadiness } from "./types.js";

export function renderJunit(results: FlagReadiness[], durationSeconds: number): string {
  const cases = results.flatMap((r) => r.checks.map((c) => ({ flag: r.flag, check: c })));
  const failures = cases.filter((c) => c.check.verdict === "not-ready").length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ff-rollout readiness" tests="${cases.length}" failures="${failures}" time="${durationSeconds.toFixed(3)}">`,
  ];
  for (const r of results) {
    const failed = r.checks.filter((c) => c.verdict === "not-ready").length;
    lines.push(
      `  <testsuite name="${xml(r.flag)}" tests="${r.checks.length}" failures="${failed}">`,
    );
    for (const c of r.checks) {
      lines.push(`    <testcase classname="readiness.${xml(r.flag)}" name="${xml(c.name)}">`);
      if (c.verdict === "not-ready")
        lines.push(
          `      <failure message="${xml(c.reason)}" type="not-ready">${xml(c.reason)}</failure>`,
        );
      if (c.verdict === "warning")
        lines.push(`      <system-out>WARNING: ${xml(c.reason)}</system-out>`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // XML 1.0 forbids most control characters even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}
