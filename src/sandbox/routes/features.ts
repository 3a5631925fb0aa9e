// Instance feature flags, admin only (lib/api/features.rb).

import type { ApiRoute } from "../context.js";
import { definitionEntity, featureEntity } from "../entities.js";
import { emptyGates } from "../flipper.js";
import { json, noContent } from "../http.js";
import { declareParams } from "../params.js";
import { type SetFeatureParams, setFeatureFlag } from "../set-feature-flag.js";

const admin = { level: "admin" } as const;

const ACTORS = ["feature_group", "user", "group", "namespace", "project", "repository"] as const;

export const featureRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/features",
    auth: admin,
    // Every persisted flag, unpaginated; a flag never set (or deleted) is absent.
    handler: ({ state }) =>
      json(
        200,
        [...state.features].map(([name, gates]) => featureEntity(state, name, gates)),
      ),
  },
  {
    method: "GET",
    pattern: "/features/definitions",
    auth: admin,
    handler: ({ state }) => json(200, [...state.definitions.values()].map(definitionEntity)),
  },
  {
    method: "POST",
    pattern: "/features/:name",
    auth: admin,
    handler: ({ state, params, input }) => {
      const declared = declareParams(input, {
        params: [
          // `types: [String, Integer]`: JSON numbers and booleans arrive as their text.
          { name: "value", type: "string", required: true },
          { name: "key", type: "string" },
          ...ACTORS.map((name) => ({ name, type: "string" as const })),
          { name: "force", type: "boolean" },
        ],
        // Grape's mutually_exclusive, declared pairwise: "key, project are mutually exclusive".
        mutuallyExclusive: ACTORS.map((actor) => ["key", actor]),
      });
      const name = params.name ?? "";
      const gates = setFeatureFlag(state, name, declared as unknown as SetFeatureParams);
      // Feature.get(name): a flag the request did not persist is shown with default gates.
      return json(
        201,
        featureEntity(state, name, state.features.get(name) ?? gates ?? emptyGates()),
      );
    },
  },
  {
    method: "DELETE",
    pattern: "/features/:name",
    auth: admin,
    // "Response is equal when the gate exists, or doesn't."
    handler: ({ state, params }) => {
      state.features.delete(params.name ?? "");
      return noContent();
    },
  },
];
