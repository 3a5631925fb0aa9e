// The demo's rollout issue, written for ff-rollout in the shape of GitLab's "Feature Flag Roll Out"
// issue: sections per phase, ChatOps commands nested under the items they belong to, actor
// alternatives, human-only checks (one already ticked by a person), the optional release and the
// cleanup sections, and a rollback command in a code block (never ticked).
// {{instance_url:production}} becomes the sandbox's URL at start.

export const DEMO_ROLLOUT_ISSUE = `## Summary

This issue rolls out [the new pipeline graph][main-issue], which sits behind the
\`new_pipeline_graph\` feature flag.

[main-issue]: {{instance_url:production}}/gitlab-org/gitlab/-/issues/4100

## Owners

- Team: Pipeline Insights
- Reach us in \`#g_pipeline_insights\`

## Rollout Steps

### Rollout on non-production environments

- [ ] Make sure the MR behind the flag is merged to the default branch.
- Make sure the MR's commit is deployed to the non-production environments:
  - [ ] \`/chatops gitlab run auto_deploy status <merge-commit-of-your-feature>\`
- [ ] Turn the feature on globally on non-production environments.
  - [ ] \`/chatops gitlab run feature set new_pipeline_graph true --dev --staging\`
- [ ] Check that the feature behaves as expected on staging and post the QA result here.

### Specific rollout on production

- Make sure the MR's commit is deployed to both production and canary:
  - [ ] \`/chatops gitlab run auto_deploy status <merge-commit-of-your-feature>\`
- Pick the option that matches the flag's actor:
  - With a **project actor**, enable it for these projects:
    - [ ] \`/chatops gitlab run feature set --project=gitlab-org/gitlab new_pipeline_graph true\`
  - With a **group actor**, enable it for these groups:
    - [ ] \`/chatops gitlab run feature set --group=gitlab-org new_pipeline_graph true\`
- [ ] Check that the feature works for those projects.

### Preparation before global rollout

- [ ] Set a milestone on this rollout issue.
- [x] Make sure someone from the team can be reached for two hours after each production change.
- [ ] Leave a comment on [the feature issue][main-issue] with the estimated time the flag will be enabled on production.

### Global rollout on production

- [ ] Roll the feature out step by step.
  - With an actor, roll out by actors:
    - [ ] \`/chatops gitlab run feature set new_pipeline_graph <rollout-percentage> --actors\`
  - Turn the feature on globally on production:
    - [ ] \`/chatops gitlab run feature set new_pipeline_graph true\`
- [ ] Cross-post the chatops command to \`#production\` and to your team channel.
- [ ] Watch the dashboards and confirm nothing regressed.
- [ ] Wait at least one day with the flag fully on before releasing it.

### (Optional) Release the feature with the feature flag

- [ ] Create a merge request that sets \`default_enabled\` to \`true\` in the flag's definition.
- [ ] Make sure that merge request is included in the release package.
  - [ ] \`/chatops gitlab run release check <merge-request-url> <milestone>\`

### Release the feature

- [ ] Create a merge request to remove the \`new_pipeline_graph\` feature flag.
  - [ ] Remove all references to the flag from the codebase.
  - [ ] Remove the YAML definitions of the flag.
- [ ] Make sure the cleanup MR is deployed to production.
- [ ] Close [the feature issue][main-issue].
- [ ] Delete the flag on every environment:
  - [ ] \`/chatops gitlab run feature delete new_pipeline_graph --dev --staging --production\`
- [ ] Close this rollout issue.

## Rollback Steps

- [ ] The feature can be turned off with:

\`\`\`
/chatops gitlab run feature set new_pipeline_graph false
\`\`\`
`;
