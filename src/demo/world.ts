// The code side of the demo's home instance: the project's repository with the flag's
// definition, the merged MR that introduced it, its deployments (what `auto_deploy status`
// reads), the milestone and the feature issue. Written for the demo, in our own words.

import { DEMO_FLAG, DEMO_PROJECT } from "./names.js";

export const FEATURE_ISSUE_IID = 4100;
export const MR_IID = 5001;

const DEFINITION = `# The new pipeline graph: jobs drawn by their needs, not by stage.
name: ${DEMO_FLAG}
description: Draws the pipeline graph from job dependencies
feature_issue_url: {{instance_url:production}}/${DEMO_PROJECT}/-/issues/${FEATURE_ISSUE_IID}
introduced_by_url: {{instance_url:production}}/${DEMO_PROJECT}/-/merge_requests/${MR_IID}
rollout_issue_url: {{instance_url:production}}/${DEMO_PROJECT}/-/issues/42
milestone: '19.7'
group: group::pipeline insights
type: gitlab_com_derisk
default_enabled: false
`;

type Commit = {
  key: string;
  parents?: string[];
  message: string;
  files?: Record<string, string | null>;
};

export function demoRepository() {
  const commits: Commit[] = [
    { key: "root", message: "Start the project", files: { "README.md": "# GitLab\n" } },
    {
      key: "feature",
      parents: ["root"],
      message: "Draw the pipeline graph from needs, behind a flag",
      files: { [`config/feature_flags/gitlab_com_derisk/${DEMO_FLAG}.yml`]: DEFINITION },
    },
    {
      key: "merge",
      parents: ["root", "feature"],
      message: "Merge branch 'pipeline-graph' into 'master'",
    },
  ];
  return {
    repositories: [
      {
        project: DEMO_PROJECT,
        commits,
        branches: { master: "merge", "pipeline-graph": "feature" },
      },
    ],
    merge_requests: [
      {
        project: DEMO_PROJECT,
        iid: MR_IID,
        title: "Draw the pipeline graph from needs",
        state: "merged" as const,
        source_branch: "pipeline-graph",
        target_branch: "master",
        author: "jane",
        sha: "feature",
        merge_commit_sha: "merge",
      },
    ],
    deployments: ["gstg-cny", "gstg", "gprd-cny", "gprd"].map((environment) => ({
      project: DEMO_PROJECT,
      environment,
      sha: "merge",
    })),
    milestones: [{ project: DEMO_PROJECT, id: 701, iid: 7, title: "19.7" }],
  };
}

export function demoFeatureIssue() {
  return {
    project: DEMO_PROJECT,
    iid: FEATURE_ISSUE_IID,
    title: "Draw the pipeline graph from job dependencies",
    description: "Users want to see which job waits for which.",
    author: "jane",
  };
}
