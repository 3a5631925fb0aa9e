// What the readiness check learns from each instance, once per run whatever the number of
// flags: the token (valid, api scope, expiry) from /personal_access_tokens/self, every persisted
// flag from one GET /features (which also proves the token is an administrator's), and the flag
// definitions the instance knows from GET /features/definitions (a flag can be known without
// ever having been set), with the rollout issue each definition names (rollout_issue_url: how a
// flag whose rollout issue was closed is still found, coverage.ts).

import { z } from "zod";
import type { Environment } from "../config.js";
import { GitLabError } from "../errors.js";
import type { GitLabFeatures } from "../flags/gitlab-features.js";
import type { FlagState } from "../flags/types.js";
import type { GitLabClient } from "../gitlab/client.js";

const tokenSelf = z.looseObject({
  name: z.string(),
  revoked: z.boolean(),
  active: z.boolean().optional(),
  scopes: z.array(z.string()),
  expires_at: z.string().nullable(),
});
const definitions = z.array(
  z.looseObject({ name: z.string(), rollout_issue_url: z.string().nullable().optional() }),
);

export interface InstanceProbe {
  environment: Environment;
  token?: {
    name: string;
    scopes: string[];
    expiresAt: string | null;
    revoked: boolean;
    active: boolean;
  };
  tokenError?: string;
  /** Every persisted flag, or why they could not be read (not an admin, down). */
  flags?: Map<string, FlagState>;
  flagsError?: string;
  definitions?: Set<string>;
  /** Flag -> the rollout_issue_url its definition names (definitions without one are left out). */
  rolloutIssues?: Map<string, string>;
  /** Set when the instance did not answer at all (down, timing out, 5xx after retries). */
  unreachable?: string;
}

const UNREACHABLE = new Set(["network", "timeout", "server", "rate-limited"]);

export async function probeInstance(
  environment: Environment,
  client: GitLabClient,
  features: GitLabFeatures,
): Promise<InstanceProbe> {
  const probe: InstanceProbe = { environment };
  const [token, flags, defs] = await Promise.allSettled([
    client.requester.get("personal_access_tokens/self"),
    features.readAll(),
    client.requester.get("features/definitions"),
  ]);
  if (token.status === "fulfilled") {
    const t = tokenSelf.parse(token.value.body);
    probe.token = {
      name: t.name,
      scopes: t.scopes,
      expiresAt: t.expires_at,
      revoked: t.revoked,
      active: t.active ?? !t.revoked,
    };
  } else probe.tokenError = message(token.reason);
  if (flags.status === "fulfilled") probe.flags = flags.value;
  else probe.flagsError = message(flags.reason);
  for (const r of [token, flags]) {
    if (
      r.status === "rejected" &&
      r.reason instanceof GitLabError &&
      UNREACHABLE.has(r.reason.kind)
    ) {
      probe.unreachable = r.reason.message;
    }
  }
  if (defs.status === "fulfilled") {
    const parsed = definitions.safeParse(defs.value.body);
    if (parsed.success) {
      probe.definitions = new Set(parsed.data.map((d) => d.name));
      probe.rolloutIssues = new Map(
        parsed.data.flatMap((d) => (d.rollout_issue_url ? [[d.name, d.rollout_issue_url]] : [])),
      );
    }
  }
  return probe;
}

function message(error: unknown): string {
  if (error instanceof GitLabError || error instanceof Error) return error.message;
  return String(error);
}
