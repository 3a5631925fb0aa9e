// Which flag types GitLab lets ship enabled by default, and why not the others. From
// lib/feature/shared.rb (Feature::Shared::TYPES, `can_be_default_enabled`) and the reasons in
// doc/development/feature_flags/_index.md ("Types of feature flags", each type's constraints).

const DOC = "doc/development/feature_flags/_index.md";

/** undefined: the type may be default-enabled; otherwise GitLab's reason it may not. */
export function defaultEnabledRefusal(type: string): string | undefined {
  switch (type) {
    case "beta":
    case "ops":
    case "development": // deprecated, but still allowed to be default-enabled
      return undefined;
    case "gitlab_com_derisk":
      return `GitLab does not allow default_enabled: true for gitlab_com_derisk flags (${DOC}): they only lower the risk of a deployment on GitLab.com, so once the flag is on there it is removed instead, and default_enabled: true has no effect for this type. Run the cleanup phase; or, to ship it on by default with the flag still in place, change its type to beta first (move the definition to config/feature_flags/beta/)`;
    case "wip":
      return `GitLab does not allow default_enabled: true for wip flags (${DOC}): they hide unfinished code from everyone. Once the feature is complete, change the type to beta (or gitlab_com_derisk and roll it out)`;
    case "experiment":
    case "worker":
    case "undefined":
      return `GitLab does not allow default_enabled: true for ${type} flags (lib/feature/shared.rb: can_be_default_enabled is false for this type)`;
    default:
      return `type "${type}" is not one of GitLab's flag types (gitlab_com_derisk, wip, beta, ops, experiment, worker, undefined); fix the definition`;
  }
}
