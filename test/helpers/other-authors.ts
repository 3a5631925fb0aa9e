// Other people on the home instance, with their own tokens, so tests can post notes as someone
// who is not the issues token's user: a commenter (anyone who may comment on the rollout issue)
// and a second bot named in trusted_authors. Notes go through the sandbox's HTTP API like any
// client's, so GitLab's rules (author, created_at) apply to them.

import type { SandboxSeed } from "../../src/sandbox/index.js";
import type { StrictSandbox } from "./sandbox.js";
import { ISSUE_IID, PROJECT } from "./seeds.js";

export const COMMENTER = {
  id: 7,
  username: "mallory",
  name: "Mallory Commenter",
  token: "sandbox-production-mallory-0007",
};
export const OTHER_BOT = {
  id: 8,
  username: "release-bot",
  name: "Release Bot",
  token: "sandbox-production-releasebot-0008",
};

/** The seed with the commenter and the other bot added to the home instance. */
export function withOtherAuthors(seed: SandboxSeed): SandboxSeed {
  const home = seed.instances.production!;
  const user = (u: typeof COMMENTER, tokenId: number) => ({
    id: u.id,
    username: u.username,
    name: u.name,
    tokens: [
      {
        id: tokenId,
        name: "own",
        token: u.token,
        scopes: ["api"],
        expires_at: "2027-06-30",
      },
    ],
  });
  return {
    ...seed,
    instances: {
      ...seed.instances,
      production: {
        ...home,
        users: [...(home.users ?? []), user(COMMENTER, 701), user(OTHER_BOT, 801)],
      },
    },
  };
}

/** Posts a note on the rollout issue with `token`, as a client would. Returns GitLab's answer. */
export async function postNoteAs(
  sb: StrictSandbox,
  token: string,
  body: string,
  iid = ISSUE_IID,
): Promise<{ id: number; created_at: string }> {
  const url = `${sb.instanceUrl("production")}/api/v4/projects/${encodeURIComponent(PROJECT)}/issues/${iid}/notes`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "PRIVATE-TOKEN": token, "Content-Type": "application/json" },
    body: JSON.stringify({ body }),
  });
  if (response.status !== 201) throw new Error(`POST note: ${response.status}`);
  return (await response.json()) as { id: number; created_at: string };
}
