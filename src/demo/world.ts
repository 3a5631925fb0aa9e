// The code side of the demo's home instance: the project's repository with the flag's
// definition, the code that reads the flag (what the cleanup MR lists), the merged MR that
// introduced it, its deployments (what `auto_deploy status` reads), the milestone and the feature
// issue. Written for the demo, in our own words.
//
// The flag is a `beta` flag: GitLab lets beta flags ship enabled by default, so the demo can show
// the release phase's merge request (a gitlab_com_derisk flag would be refused, by GitLab's rule).

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
type: beta
default_enabled: false
`;

export const DEFINITION_PATH = `config/feature_flags/beta/${DEMO_FLAG}.yml`;
export const MODEL_PATH = "app/models/ci/pipeline_graph.rb";
export const SCRIPT_PATH = "app/assets/javascripts/pipelines/graph.js";

const MODEL = `# Lays out the jobs of a pipeline for the graph.
class PipelineGraph
  def layout
    return by_needs if Feature.enabled?(:${DEMO_FLAG}, project)

    by_stage
  end
end
`;

// push_frontend_feature_flag hands the flag to the frontend by its camelCase name.
const SCRIPT = `export function drawGraph(pipeline) {
  if (gon.features.newPipelineGraph) return drawByNeeds(pipeline);
  return drawByStage(pipeline);
}
`;

/** The code once a person has removed the flag from it (pushed to the cleanup MR). */
export const CODE_WITHOUT_FLAG: Record<string, string> = {
  [MODEL_PATH]: `# Lays out the jobs of a pipeline for the graph.
class PipelineGraph
  def layout
    by_needs
  end
end
`,
  [SCRIPT_PATH]: `export function drawGraph(pipeline) {
  return drawByNeeds(pipeline);
}
`,
};

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
      files: { [DEFINITION_PATH]: DEFINITION, [MODEL_PATH]: MODEL, [SCRIPT_PATH]: SCRIPT },
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
    // 19.8 is where the release moves the rollout issue, to remove the flag there.
    milestones: [
      { project: DEMO_PROJECT, id: 701, iid: 7, title: "19.7" },
      { project: DEMO_PROJECT, id: 702, iid: 8, title: "19.8" },
    ],
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
