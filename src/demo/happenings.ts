// What people and GitLab do in the sandbox between the jobs, done to the sandbox's state directly
// (as the endgame's merges are) and said by the demo: a person ticks the preparation items that
// are theirs, an SRE declares an incident and resolves it, and a developer merges a fix that
// production deploys.

import { classifyItems, type MatchContext, setChecked } from "../checklist/index.js";
import { resolveConfig } from "../config/resolve.js";
import { configSchema } from "../config/schema.js";
import { matchContext } from "../engine/match-context.js";
import type { ConfigProblem } from "../errors.js";
import { recordDeployment, type Sandbox } from "../sandbox/index.js";
import { type DemoServices, demoConfig } from "./config.js";
import { DEMO_ISSUE_IID, DEMO_PROJECT, INCIDENT_PROJECT } from "./names.js";

export const INCIDENT_LABELS = ["incident", "severity::2"];

/** An open issue in the incident project carrying the incident labels: what the check finds. */
export function declareIncident(sandbox: Sandbox): { iid: number; title: string } {
  const home = sandbox.state("production");
  const project = home.projectByRef(INCIDENT_PROJECT)!;
  const at = home.stamp();
  const title = "Elevated error rate on the API in gprd";
  const iid = home.nextIid(home.issues, project.id);
  for (const label of INCIDENT_LABELS) home.ensureLabel(project.id, label);
  home.issues.push({
    id: home.nextId("issue"),
    iid,
    projectId: project.id,
    title,
    description: "Declared by the SRE on call.",
    state: "opened",
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedById: null,
    labels: [...INCIDENT_LABELS],
    milestoneId: null,
    authorId: home.userByUsername("jane")!.id,
    assigneeIds: [],
    dueDate: null,
    confidential: false,
    discussionLocked: null,
  });
  return { iid, title };
}

export function resolveIncident(sandbox: Sandbox, iid: number): void {
  const home = sandbox.state("production");
  const issue = home.issue(INCIDENT_PROJECT, iid);
  const at = home.stamp();
  Object.assign(issue, { state: "closed", closedAt: at, updatedAt: at });
}

/** A fix merged to master (a new file, not touching the flag) and deployed to production. */
export function deployFix(sandbox: Sandbox): string {
  const home = sandbox.state("production");
  const project = home.projectByRef(DEMO_PROJECT)!;
  const repo = home.repository(project.id);
  const fix = repo.addCommit({
    parentIds: [repo.branches.get("master")!],
    message: "Lay out pipelines with many needs without recursion",
    author: { name: "Jane Developer", email: "jane@example.com" },
    authoredDate: home.stamp(),
    changes: new Map([
      [
        "app/models/ci/needs_layout.rb",
        "# Lays out jobs by their needs, level by level.\nclass NeedsLayout\nend\n",
      ],
    ]),
  });
  repo.branches.set("master", fix.id);
  for (const environment of ["gstg-cny", "gstg", "gprd-cny", "gprd"]) {
    recordDeployment(home, project.id, environment, fix.id, { user: "jane" });
  }
  return fix.id;
}

/** What the checklist matcher knows of the demo's rollout, as matchContext() makes it from its config. */
export function demoMatchContext(services?: DemoServices): MatchContext {
  // The demo's config as the jobs read it (schema, then resolve), so the demo's person leaves to
  // the jobs exactly the items the jobs will tick: with notifications, the announcement's.
  const raw = demoConfig((name) => `http://127.0.0.1/${name}`, services);
  const problems: ConfigProblem[] = [];
  const config = resolveConfig(configSchema.parse(raw), "demo", problems);
  if (problems.length > 0) throw new Error(`the demo's config: ${JSON.stringify(problems)}`);
  return matchContext(config);
}

/**
 * A person ticks the preparation items only a person can do (prepare refuses while they are open),
 * in the sandbox's issue directly. Returns the items' texts: the human-actions benchmark counts them.
 */
export function tickPreparationItems(sandbox: Sandbox, services?: DemoServices): string[] {
  const issue = sandbox.state("production").issue(DEMO_PROJECT, DEMO_ISSUE_IID);
  const open = classifyItems(issue.description, demoMatchContext(services)).filter(
    (c) =>
      c.section === "prepare" &&
      c.applicable &&
      !c.item.checked &&
      (c.kind === "human" || c.kind === "unknown"),
  );
  if (open.length === 0) return [];
  issue.description = setChecked(
    issue.description,
    open.map((c) => c.item),
    true,
  );
  return open.map((c) => c.item.text);
}
