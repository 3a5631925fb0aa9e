// The system tools the tests need beyond Node.js, in one list: `npm test` checks them first
// (scripts/setup.ts) and installs the missing ones, so a fresh machine, a developer's and CI's
// .ci/run all go through the same check. Add a tool here, with the Debian package that has it.

export interface SystemTool {
  /** The command the tests run. */
  command: string;
  /** The Debian and Ubuntu package that installs it. */
  debianPackage: string;
  /** Arguments that make it print its version and exit 0 (the presence check). */
  versionArgs: string[];
  /** What needs it, for the message when it is missing. */
  why: string;
}

export const SYSTEM_TOOLS: readonly SystemTool[] = [
  {
    command: "git",
    debianPackage: "git",
    versionArgs: ["--version"],
    why: "biome reads .gitignore through it; gitlab-ci-local reads the test projects with it",
  },
  {
    command: "rsync",
    debianPackage: "rsync",
    versionArgs: ["--version"],
    why: "gitlab-ci-local copies a project's files with it, even for jobs run in the shell (the end-to-end tests)",
  },
  {
    command: "prometheus",
    debianPackage: "prometheus",
    versionArgs: ["--version"],
    why: "the health-check tests start a real Prometheus (and backfill it with promtool, from the same package)",
  },
];
