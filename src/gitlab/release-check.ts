// The release check (what `/chatops run release check <mr> <milestone>` answers): is a commit in
// the release of a milestone? Asked with the commit refs API (GET /projects/:id/repository/
// commits/:sha/refs?type=tag|branch, lib/api/commits.rb): the tags and branches that contain the
// commit, matched against the milestone's release refs (engine/release-refs.ts). A tag says the
// commit was released; the stable branch says it is in the release being prepared. Tags are
// asked first: they are the stronger answer, and few tags contain a recent commit.

import { Commits } from "@gitbeaker/rest";
import { z } from "zod";
import type { ReleaseInclusion } from "../engine/release-port.js";
import type { ReleaseRefs } from "../engine/release-refs.js";
import type { GitLabClient } from "./client.js";

const refs = z.array(z.looseObject({ type: z.string(), name: z.string() }));

export async function releaseInclusion(
  client: GitLabClient,
  project: string,
  sha: string,
  release: ReleaseRefs,
): Promise<ReleaseInclusion> {
  for (const type of ["tag", "branch"] as const) {
    const body = await client
      .resource(Commits)
      .allReferences(project, sha, { type, perPage: 100 } as never);
    const pattern = type === "tag" ? release.tag : release.stableBranch;
    const names = refs
      .parse(body)
      .map((r) => r.name)
      .filter((name) => pattern.test(name))
      .sort(byVersion);
    if (names[0]) return { included: true, ref: { type, name: names[0] } };
  }
  return { included: false, searched: [release.shown.tag, release.shown.stableBranch] };
}

/** The earliest patch first: "released in v19.6.0-ee" rather than a later patch release. */
function byVersion(a: string, b: string): number {
  const numbers = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
