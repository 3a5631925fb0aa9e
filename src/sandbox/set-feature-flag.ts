// POST /features/:name as Admin::SetFeatureFlagService runs it
// (app/services/admin/set_feature_flag_service.rb, lib/feature.rb Feature::Target).

import { createHash } from "node:crypto";
import {
  cloneGates,
  disableActor,
  disableAll,
  disableGroup,
  emptyGates,
  enableActor,
  enableAll,
  enableGroup,
  flipperState,
  type Gates,
  PercentageRangeError,
  setPercentageOfActors,
  setPercentageOfTime,
} from "./flipper.js";
import { badRequest, internalError } from "./http.js";
import type { InstanceState, ProjectRecord } from "./state.js";

export interface SetFeatureParams {
  value: string;
  key?: string;
  feature_group?: string;
  user?: string;
  group?: string;
  namespace?: string;
  project?: string;
  repository?: string;
  force?: boolean;
}

/** A resolved target: a flipper actor id, or a feature group name. */
interface Target {
  kind: "actor" | "feature_group";
  id: string;
  /** How the service's error messages print it (approximates Ruby's #to_s / #to_reference). */
  label: string;
}

const ACTOR_PARAMS = [
  "feature_group",
  "user",
  "project",
  "group",
  "namespace",
  "repository",
] as const;

/** Ruby's String#inspect, for the service's messages ("Cannot set 'x' to \"50\""). */
const inspect = (text: string): string => JSON.stringify(text);

/** The disk path of a hashed-storage repository: @hashed/ab/cd/abcd....git. */
function repositoryFlipperId(project: ProjectRecord, wiki: boolean): string {
  const hash = createHash("sha256").update(String(project.id)).digest("hex");
  return `Repository:@hashed/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}${wiki ? ".wiki" : ""}.git`;
}

function notFound(arg: string): never {
  // Feature::Target::UnknownTargetError, answered by bad_request!.
  throw badRequest(`${arg} is not found!`);
}

/**
 * Feature::Target#targets: every actor param split on commas and looked up, all before any
 * change, so one unknown actor fails the request and changes nothing. Order: feature_group,
 * users, projects, groups, namespaces, repositories.
 */
function resolveTargets(state: InstanceState, params: SetFeatureParams): Target[] {
  const targets: Target[] = [];
  const split = (value: string | undefined) =>
    value === undefined ? [] : value.split(",").filter((v) => v !== "");
  // Feature.group(name) is not split and never "not found": flipper makes an unregistered group.
  if (params.feature_group !== undefined) {
    targets.push({ kind: "feature_group", id: params.feature_group, label: params.feature_group });
  }
  for (const arg of split(params.user)) {
    const user = state.userByUsername(arg) ?? notFound(arg);
    targets.push({ kind: "actor", id: `User:${user.id}`, label: user.username });
  }
  for (const arg of split(params.project)) {
    const project = (/^\d+$/.test(arg) ? undefined : state.projectByRef(arg)) ?? notFound(arg);
    targets.push({ kind: "actor", id: `Project:${project.id}`, label: project.pathWithNamespace });
  }
  for (const arg of split(params.group)) {
    const group = state.groupByPath(arg) ?? notFound(arg);
    targets.push({ kind: "actor", id: `Group:${group.id}`, label: group.fullPath });
  }
  for (const arg of split(params.namespace)) {
    // A group is a Group actor; a user's namespace is a Namespaces::UserNamespace actor.
    const group = state.groupByPath(arg);
    if (group) {
      targets.push({ kind: "actor", id: `Group:${group.id}`, label: group.fullPath });
      continue;
    }
    const owner = arg.includes("/") ? undefined : state.userByUsername(arg);
    if (!owner) notFound(arg);
    targets.push({
      kind: "actor",
      id: `Namespaces::UserNamespace:${owner.namespaceId}`,
      label: owner.username,
    });
  }
  for (const arg of split(params.repository)) {
    // Gitlab::RepoPath.parse: "group/project.git", "group/project.wiki.git" or "group/project".
    const path = arg.replace(/^\//, "");
    const wiki = path.endsWith(".wiki.git");
    const projectPath = path.replace(/\.wiki\.git$|\.git$/, "");
    const project = state.projectByRef(projectPath) ?? notFound(arg);
    targets.push({ kind: "actor", id: repositoryFlipperId(project, wiki), label: arg });
  }
  return targets;
}

const ENABLE_VALUES = ["100", "100.0", "true"];
const DISABLE_VALUES = ["0", "0.0", "false"];
const isNumeric = (value: string) => /^\d+(\.\d+)?$/.test(value);

/** Applies the request to the flag's gates and returns them; throws GitLab's 400 / 500. */
export function setFeatureFlag(
  state: InstanceState,
  name: string,
  params: SetFeatureParams,
): Gates {
  const { value, key } = params;
  const gateSpecified = ACTOR_PARAMS.some((param) => params[param] !== undefined);
  const targets = gateSpecified ? resolveTargets(state, params) : [];
  const current = state.features.get(name);
  let gates = current ? cloneGates(current) : emptyGates();
  // flipper persists the feature (adapter.add) on any enable/disable, even a no-op one.
  const persist = () => state.features.set(name, gates);

  try {
    if (gateSpecified) {
      for (const target of targets) {
        if (ENABLE_VALUES.includes(value)) {
          if (target.kind === "actor" && gates.actors.includes(`${target.id}:opt_out`)) {
            throw badRequest(`Opt-out exists for ${target.label} - remove opt-out before enabling`);
          }
          gates =
            target.kind === "actor" ? enableActor(gates, target.id) : enableGroup(gates, target.id);
        } else if (DISABLE_VALUES.includes(value)) {
          gates =
            target.kind === "actor"
              ? disableActor(gates, target.id)
              : disableGroup(gates, target.id);
        } else if (value === "opt_out") {
          // Feature.opt_out ignores feature groups (no flipper_id).
          if (target.kind === "actor") gates = enableActor(gates, `${target.id}:opt_out`);
        } else if (value === "remove_opt_out") {
          if (target.kind !== "actor") continue;
          if (!current || !gates.actors.includes(`${target.id}:opt_out`)) {
            throw badRequest(`No opt-out exists for ${target.label}`);
          }
          gates = disableActor(gates, `${target.id}:opt_out`);
        } else {
          throw badRequest(`Cannot set '${name}' to ${inspect(value)} for ${target.label}`);
        }
        persist();
      }
      return gates;
    }

    if (ENABLE_VALUES.includes(value)) {
      gates = enableAll();
    } else if (DISABLE_VALUES.includes(value)) {
      gates = disableAll();
    } else if (
      key === "percentage_of_actors" ||
      key === "percentage_of_time" ||
      (key === undefined && isNumeric(value))
    ) {
      if (!isNumeric(value)) throw badRequest("Not a percentage");
      const of = key === "percentage_of_actors" ? "actors" : "time";
      // lib/feature.rb refuses a percentage on a flag that is fully on: set it false first.
      if (flipperState(gates) === "on") {
        throw badRequest(`Cannot enable percentage of ${of} for a fully-enabled flag`);
      }
      const percentage = Number.parseFloat(value);
      gates =
        of === "actors"
          ? setPercentageOfActors(gates, percentage)
          : setPercentageOfTime(gates, percentage);
    } else {
      throw badRequest(
        key !== undefined && key !== ""
          ? `Cannot set '${name}' (${inspect(key)}) to ${inspect(value)}`
          : `Cannot set '${name}' to ${inspect(value)}`,
      );
    }
    persist();
    return gates;
  } catch (error) {
    // flipper's Percentage type raises ArgumentError above 100; nothing rescues it: a 500.
    if (error instanceof PercentageRangeError) throw internalError();
    throw error;
  }
}
