// Names the demo's world and story share.

export const DEMO_FLAG = "new_pipeline_graph";
export const DEMO_PROJECT = "gitlab-org/gitlab";
export const DEMO_ISSUE_IID = 42;
export const DEMO_INSTANCES = ["dev", "staging", "production"] as const;
/** Where incidents are issues, on the home instance (the incident check reads it). */
export const INCIDENT_PROJECT = "gitlab-org/production";
