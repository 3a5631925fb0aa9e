// The version, baked in at build time (scripts/build.mjs and vitest.config.ts define
// __FF_ROLLOUT_VERSION__ from package.json), so the CLI never reads package.json at run time and
// answers --version whatever directory it was installed or copied to.

declare const __FF_ROLLOUT_VERSION__: string;

export function version(): string {
  return __FF_ROLLOUT_VERSION__;
}
