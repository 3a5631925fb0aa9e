// Sandbox-only control endpoints under /__sandbox (no instance prefix, not logged, no auth):
// what an end-to-end test drives when the sandbox runs as its own process.
//   POST   /__sandbox/faults          JSON rule ({path: "/features/:name" | {regex}}); hooks are in-process only
//   GET    /__sandbox/faults          the rules
//   DELETE /__sandbox/faults          remove all rules
//   GET    /__sandbox/log             the request log
//   DELETE /__sandbox/log             empty it
//   GET    /__sandbox/clock           {now}
//   POST   /__sandbox/clock           {advance_ms} or {now}
//   GET    /__sandbox/state/:instance a JSON snapshot of the instance (token values filtered)
//   GET    /__sandbox/instances       [{name, url}]
//   POST   /__sandbox/merge/:instance/:project/:iid  merge an MR (control-merge.ts)
//   POST   /__sandbox/deploy/:instance  {project, environment, sha}: a deployment (control-deploy.ts)

import { z } from "zod";
import { faultRuleFromJson } from "../faults.js";
import { json, noContent, type SandboxResponse } from "../http.js";
import { FILTERED } from "../log.js";
import type { InstanceState } from "../state.js";
import { deployControlRoute } from "./control-deploy.js";
import { mergeControlRoute } from "./control-merge.js";
import type { ControlRoute } from "./control-route.js";

const ClockRequest = z.union([
  z.strictObject({ advance_ms: z.number() }),
  z.strictObject({
    now: z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date"),
  }),
]);

function invalid(error: unknown): SandboxResponse {
  const message =
    error instanceof z.ZodError
      ? error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")
      : String(error);
  return json(400, { error: message });
}

export function snapshot(state: InstanceState): Record<string, unknown> {
  return {
    name: state.name,
    admin_mode: state.adminMode,
    users: state.users,
    tokens: state.tokens.map((token) => ({ ...token, token: FILTERED })),
    groups: state.groups,
    projects: state.projects,
    labels: state.labels,
    milestones: state.milestones,
    features: Object.fromEntries(state.features),
    definitions: [...state.definitions.values()],
    issues: state.issues,
    notes: state.noteList,
    repositories: Object.fromEntries(
      [...state.repositories].map(([projectId, repo]) => [
        projectId,
        {
          branches: Object.fromEntries(repo.branches),
          tags: [...repo.tags.values()],
          commits: [...repo.commits.values()].map((c) => ({
            id: c.id,
            parent_ids: c.parentIds,
            message: c.message,
            files: [...c.files.keys()],
          })),
        },
      ]),
    ),
    merge_requests: state.mergeRequests,
    environments: state.environments,
    deployments: state.deployments,
    issue_links: state.issueLinks,
    rate_limit: state.rateLimit,
  };
}

export const controlRoutes: readonly ControlRoute[] = [
  {
    method: "POST",
    pattern: "/faults",
    handler: ({ faults }, _params, body) => {
      try {
        return json(201, { id: faults.add(faultRuleFromJson(body)) });
      } catch (error) {
        return invalid(error);
      }
    },
  },
  {
    method: "GET",
    pattern: "/faults",
    handler: ({ faults }) =>
      json(
        200,
        faults.rules.map((rule) => ({
          ...rule,
          path:
            rule.path instanceof RegExp
              ? { regex: rule.path.source, flags: rule.path.flags }
              : rule.path,
        })),
      ),
  },
  {
    method: "DELETE",
    pattern: "/faults",
    handler: ({ faults }) => {
      faults.clear();
      return noContent();
    },
  },
  { method: "GET", pattern: "/log", handler: ({ log }) => json(200, log.entries) },
  {
    method: "DELETE",
    pattern: "/log",
    handler: ({ log }) => {
      log.clear();
      return noContent();
    },
  },
  {
    method: "GET",
    pattern: "/clock",
    handler: ({ clock }) => json(200, { now: clock.now().toISOString() }),
  },
  {
    method: "POST",
    pattern: "/clock",
    handler: ({ clock }, _params, body) => {
      const parsed = ClockRequest.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      if ("advance_ms" in parsed.data) clock.advance(parsed.data.advance_ms);
      else clock.set(parsed.data.now);
      return json(200, { now: clock.now().toISOString() });
    },
  },
  {
    method: "GET",
    pattern: "/state/:instance",
    handler: ({ states }, params) => {
      const state = states.get(params.instance ?? "");
      return state
        ? json(200, snapshot(state))
        : json(404, { error: `no instance "${params.instance}"` });
    },
  },
  {
    method: "GET",
    pattern: "/instances",
    handler: ({ states, instanceUrl }) =>
      json(
        200,
        [...states.keys()].map((name) => ({ name, url: instanceUrl(name) })),
      ),
  },
  mergeControlRoute,
  deployControlRoute,
];
