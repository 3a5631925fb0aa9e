// Template placeholders in ChatOps commands. Generations of GitLab's rollout template wrote
// `feature_name`, `:feature_name`, `some_feature` (2020-21: `feature delete some_feature`),
// `<feature-flag-name>`, `<feature_flag_name>`, `<rollout-percentage>`,
// `<merge-commit-of-your-feature>`, `<your-username>`, `<gitlab-username-of-dri>`, and
// `--<actor-type>=<actor>` for the actor option itself (see commands.ts).

/** Words the old templates used literally as the flag name. */
const PLACEHOLDER_WORDS = new Set([
  "feature_name",
  "feature-name",
  "feature_flag_name",
  "feature-flag-name",
  "feature_flag",
  "flag_name",
  "flag-name",
  "your_feature_flag",
  "your-feature-flag",
  "my_feature_flag",
  "name_of_flag",
  "some_feature",
  "some-feature",
  "some_flag",
  "my_feature",
]);

export function isPlaceholder(token: string): boolean {
  const word = token.replace(/^:/, "");
  if (/^<[^<>]+>$/.test(word) || /^\{\{?[^{}]+\}?\}$/.test(word) || /^\[[^[\]]+\]$/.test(word)) {
    return true;
  }
  if (/^\$\{?[A-Za-z_]\w*\}?$/.test(word)) return true; // $FLAG, ${FLAG}
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(word)) return true; // FEATURE_NAME, MERGE_SHA
  return PLACEHOLDER_WORDS.has(word.toLowerCase());
}

/** The flag name a command names, without a Ruby symbol's colon. */
export function flagName(token: string): string {
  return token.replace(/^:/, "");
}
