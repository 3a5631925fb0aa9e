// The instance Features API (/api/v4/features, administrators only) as a FlagBackend.
// gitbeaker has no class for it, so this goes through the client's raw requester: the same
// transport, retries and error translation as every other call.
//
// GitLab has no GET /features/:name; a read lists every persisted flag and picks one. A flag
// that is absent was never set (or was deleted) and is off.

import { z } from "zod";
import { GitLabError } from "../errors.js";
import type { GitLabClient } from "../gitlab/client.js";
import { decodeFeature, featureSchema } from "./gates.js";
import { absentFlag, type FlagBackend, type FlagChange, type FlagState } from "./types.js";

const featureList = z.array(featureSchema);

export class GitLabFeatures implements FlagBackend {
  readonly instance: string;

  constructor(private readonly client: GitLabClient) {
    this.instance = client.name;
  }

  /** Every persisted flag on the instance, in one request. */
  async readAll(): Promise<Map<string, FlagState>> {
    const response = await this.client.requester.get("features");
    const parsed = featureList.safeParse(response.body);
    if (!parsed.success) throw this.invalid("GET", "features", parsed.error);
    return new Map(parsed.data.map((f) => [f.name, decodeFeature(f)]));
  }

  async read(flag: string): Promise<FlagState> {
    return (await this.readAll()).get(flag) ?? absentFlag(flag);
  }

  async apply(flag: string, change: FlagChange): Promise<FlagState> {
    const path = `features/${encodeURIComponent(flag)}`;
    if (change.kind === "delete") {
      await this.client.requester.delete(path);
      return absentFlag(flag);
    }
    const response = await this.client.requester.post(path, { body: requestBody(change) });
    const parsed = featureSchema.safeParse(response.body);
    if (!parsed.success) throw this.invalid("POST", path, parsed.error);
    return decodeFeature(parsed.data);
  }

  private invalid(method: string, path: string, error: z.ZodError): GitLabError {
    return new GitLabError(
      `${method} ${path} on "${this.instance}" answered in a shape we do not understand (${error.issues[0]?.message ?? "invalid"}); is ${this.client.url} a GitLab instance?`,
      "invalid-response",
      { instance: this.instance, method, path },
    );
  }
}

/**
 * The POST parameters for one change, as ChatOps sends them: `key` only for percentages, actor
 * params (comma-separated, one request for the whole list) only with `value=true`. The two may
 * not be combined (Grape's mutually_exclusive in lib/api/features.rb).
 */
export function requestBody(
  change: Exclude<FlagChange, { kind: "delete" }>,
): Record<string, string> {
  switch (change.kind) {
    case "enable":
      return { value: "true" };
    case "disable":
      return { value: "false" };
    case "percentage":
      return {
        value: String(change.percentage),
        key: change.of === "actors" ? "percentage_of_actors" : "percentage_of_time",
      };
    case "actors":
      return { value: "true", [change.actorType]: change.actors.join(",") };
  }
}
