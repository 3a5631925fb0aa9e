// The Workhorse-like exporter the health tests scrape: it answers while the test's own event loop
// is busy (the CLI runs in-process), since a scrape that waits behind the test's work times out,
// and scrapes failing for longer than a rate window leave the health gate with no data.

import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import {
  startWorkhorseExporter,
  type WorkhorseExporter,
} from "../../helpers/workhorse-exporter.js";

describe("the Workhorse-like exporter", () => {
  let exporter: WorkhorseExporter | undefined;
  afterEach(async () => {
    await exporter?.close();
  });

  it("answers scrapes while the test's event loop is held", async () => {
    exporter = await startWorkhorseExporter({ perSecond: 100, errors: 0.1, redirects: 0 });
    // Another process scrapes three times; this thread does not let its event loop run meanwhile.
    const scraper = spawn(process.execPath, [
      "-e",
      `(async () => { for (let i = 0; i < 3; i++) await (await fetch("http://${exporter.target}/metrics")).text(); })()`,
    ]);
    const exited = new Promise((resolve) => scraper.once("exit", resolve));
    const deadline = Date.now() + 15_000;
    while (exporter.scrapes < 3 && Date.now() < deadline) {
      // held: no timers, no I/O callbacks on this thread
    }
    const answeredWhileHeld = exporter.scrapes;
    expect(await exited).toBe(0);
    expect(answeredWhileHeld).toBe(3);
  });

  it("counts at the rates set, from the moment they are set", async () => {
    exporter = await startWorkhorseExporter({ perSecond: 100, errors: 0, redirects: 0 });
    const scrape = async () => {
      const text = await (await fetch(`http://${exporter!.target}/metrics`)).text();
      const errors = /code="500"[^\n]* ([\d.]+)$/m.exec(text)?.[1];
      return Number(errors);
    };
    expect(await scrape()).toBe(0);
    exporter.setRates({ perSecond: 100, errors: 0.5, redirects: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await scrape()).toBeGreaterThan(0);
  });
});
