// Request patterns the phases send, for strict-sandbox declarations.

const API = "/production/api/v4/projects/:id";

/** Reading the flag definition, its MR and where its commit is deployed (the home instance). */
export const RELEASE_READS = [
  `GET ${API}`,
  `GET ${API}/repository/tree`,
  `GET ${API}/repository/files/:path`,
  `GET ${API}/merge_requests/:iid`,
  `GET ${API}/deployments`,
  `GET ${API}/repository/merge_base`,
];

export const ISSUE = `${API}/issues/:iid`;

/** Whose notes count: the issues token's user, asked once per run. */
export const WHO_AM_I = "GET /production/api/v4/user";

/** The lease a writing run takes (a note) and releases (deletes it). */
export const LEASE_RELEASE = `DELETE ${ISSUE}/notes/:note_id`;
