// scripts/setup.ts: npm test's first step finds the missing system tools, installs them when it
// may, and otherwise fails naming the exact command.

import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { installCommands, missingTools, setup } from "../../../scripts/setup.js";
import { SYSTEM_TOOLS, type SystemTool } from "../../../scripts/system-tools.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");

const tools: SystemTool[] = [
  { command: "git", debianPackage: "git", versionArgs: ["--version"], why: "reads repositories" },
  { command: "rsync", debianPackage: "rsync", versionArgs: ["--version"], why: "copies files" },
];

function run(options: Partial<Parameters<typeof setup>[0]> & { present: Set<string> }) {
  const lines: string[] = [];
  const installed: string[][] = [];
  const present = options.present;
  const code = setup({
    dryRun: false,
    tools,
    runs: (command) => present.has(command),
    install: (command) => {
      installed.push(command);
      if (command.includes("install")) for (const tool of tools) present.add(tool.command);
      return true;
    },
    say: (line) => lines.push(line),
    ...options,
  });
  return { code, lines, installed };
}

describe("setup", () => {
  it("does nothing when every tool is there", () => {
    const { code, installed, lines } = run({ present: new Set(["git", "rsync"]), as: "root" });
    expect(code).toBe(0);
    expect(installed).toEqual([]);
    expect(lines).toEqual(["setup: git, rsync present"]);
  });

  it("installs only what is missing, as root without sudo", () => {
    const { code, installed } = run({ present: new Set(["git"]), as: "root" });
    expect(code).toBe(0);
    expect(installed).toEqual([
      ["apt-get", "update", "-qq"],
      ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "rsync"],
    ]);
  });

  it("uses sudo when this user may without a password", () => {
    const { installed } = run({ present: new Set(), as: "sudo" });
    expect(installed[1]?.slice(0, 2)).toEqual(["sudo", "env"]);
    expect(installed[1]?.slice(-2)).toEqual(["git", "rsync"]);
  });

  it("fails with the exact install command when it may not install", () => {
    const { code, installed, lines } = run({ present: new Set(["git"]), as: "none" });
    expect(code).toBe(1);
    expect(installed).toEqual([]);
    expect(lines.join("\n")).toContain("missing rsync (copies files)");
    expect(lines).toContain(
      "  sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync",
    );
  });

  it("fails when the install ran but the tool is still not there", () => {
    const { code, lines } = run({
      present: new Set(),
      as: "root",
      install: () => true,
    });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe("setup: still missing after the install: git, rsync");
  });

  it("fails when an install command fails", () => {
    const { code, lines } = run({ present: new Set(), as: "root", install: () => false });
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain('"apt-get update -qq" failed');
  });

  it("with --dry-run says what it would install and installs nothing", () => {
    const { code, installed, lines } = run({ present: new Set(), as: "root", dryRun: true });
    expect(code).toBe(0);
    expect(installed).toEqual([]);
    expect(lines).toContain("  apt-get update -qq");
  });

  it("names one Debian package per tool and finds this machine's tools", () => {
    expect(installCommands(SYSTEM_TOOLS, "root")[1]).toEqual(
      expect.arrayContaining(SYSTEM_TOOLS.map((tool) => tool.debianPackage)),
    );
    // npm test ran setup before this test, so nothing is missing here.
    expect(missingTools().map((tool) => tool.command)).toEqual([]);
  });

  it("runs as a script: on a PATH without the tools, --dry-run names them and the command", () => {
    // A PATH holding only node, so git and rsync are not found.
    const bin = mkdtempSync(join(tmpdir(), "setup-path-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const result = spawnSync(process.execPath, [TSX, "scripts/setup.ts", "--dry-run"], {
      cwd: ROOT,
      env: { PATH: bin, HOME: process.env.HOME ?? "/tmp" },
      encoding: "utf8",
    });
    const output = result.stdout + result.stderr;
    expect(output).toContain("missing git");
    expect(output).toContain("rsync");
    if (process.getuid?.() === 0) {
      expect(result.status, output).toBe(0);
      expect(output).toContain("would run:");
      expect(output).toContain("apt-get install -y -qq git rsync");
    } else {
      // No sudo on that PATH: it may not install, so it fails naming the command.
      expect(result.status, output).toBe(1);
      expect(output).toContain("sudo env DEBIAN_FRONTEND=noninteractive apt-get install");
    }
  });
});
