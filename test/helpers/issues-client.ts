// A GitLab client for the rollout issue's instance of a sandbox, as the CLI wires it, for tests
// that drive the issue adapter directly.

import { GitLabClient } from "../../src/gitlab/client.js";
import { captureLogger } from "./logger.js";

export function sandboxIssuesClient(url: string, token: string): GitLabClient {
  return new GitLabClient(
    { name: "issues", url, tokenEnv: "FF_ISSUES_TOKEN", token },
    { logger: captureLogger().logger, timeoutMs: 5000 },
  );
}
