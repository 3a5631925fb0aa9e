// GET /projects/:id/search?scope=blobs: code search at a ref, GitLab's blob shape, pagination.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../../src/sandbox/index.js";
import {
  DEFINITION_PATH,
  FLAG,
  PROJECT,
  PROJECT_ID,
  RELEASE_TAG,
  rolloutWorldSeed,
  TOKENS,
} from "../../helpers/seeds.js";
import { client } from "./client.js";

type Blob = {
  basename: string;
  data: string;
  path: string;
  filename: string;
  id: null;
  ref: string;
  startline: number;
  project_id: number;
};

let sandbox: Sandbox;
let api: ReturnType<typeof client>;
const search = (query: string) =>
  api<Blob[]>("GET", `/projects/${encodeURIComponent(PROJECT)}/search?${query}`);

beforeEach(async () => {
  sandbox = await startSandbox({ seed: rolloutWorldSeed() });
  api = client(sandbox, "production", TOKENS.production.user);
});
afterEach(() => sandbox.close());

describe("GET /projects/:id/search?scope=blobs", () => {
  it("finds the flag's code references on the default branch, in GitLab's shape", async () => {
    const reply = await search(
      `scope=blobs&search=${encodeURIComponent(`Feature.enabled?(:${FLAG}`)}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual([
      {
        basename: "app/models/pipeline_graph",
        data: `# Draws the pipeline graph.\nFeature.enabled?(:${FLAG})\n`,
        path: "app/models/pipeline_graph.rb",
        filename: "app/models/pipeline_graph.rb",
        id: null,
        ref: "master",
        startline: 1,
        project_id: PROJECT_ID,
      },
    ]);
  });

  it("gives one result per chunk of matches with two lines of context, any case", async () => {
    const reply = await search(`scope=blobs&search=${FLAG.toUpperCase()}`);
    const inDefinition = reply.json.filter((b) => b.path === DEFINITION_PATH);
    expect(inDefinition.length).toBeGreaterThan(0);
    expect(inDefinition[0]?.startline).toBe(2);
    expect(reply.headers.get("x-total")).toBe(String(reply.json.length));
  });

  it("searches at a ref, honours filename:, and paginates", async () => {
    const atTag = await search(`scope=blobs&search=${FLAG}&ref=${RELEASE_TAG}`);
    expect(atTag.json).toEqual([]);
    const filtered = await search(
      `scope=blobs&search=${encodeURIComponent(`${FLAG} filename:*.md`)}`,
    );
    expect(filtered.json.map((b) => b.path)).toEqual(["doc/pipeline_graph.md"]);
    const page = await search(`scope=blobs&search=${FLAG}&per_page=1`);
    expect(page.json).toHaveLength(1);
    expect(page.headers.get("x-next-page")).toBe("2");
  });

  it("answers Grape's 400s", async () => {
    expect((await search("search=x")).json).toEqual({ error: "scope is missing" });
    expect((await search("scope=blobs")).json).toEqual({ error: "search is missing" });
    expect((await search("scope=code&search=x")).json).toEqual({
      error: "scope does not have a valid value",
    });
    expect((await search("scope=issues&search=x")).json).toEqual([]);
  });
});
