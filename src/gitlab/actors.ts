// Actor paths -> the ids the Features API's gates hold, so a re-run can see the actors are in
// already. The forms follow Flipper ids in GitLab: "<Class>:<id>" (lib/feature.rb, FeatureGate):
// Project, Group, User; a namespace is its Group, or a user's Namespaces::UserNamespace.

import { Groups, Namespaces, Users } from "@gitbeaker/rest";
import { z } from "zod";
import type { ActorResolver, ActorType } from "../flags/types.js";
import type { GitLabClient } from "./client.js";
import { orAbsent } from "./not-found.js";
import type { ProjectCache } from "./projects.js";

const withId = z.looseObject({ id: z.number() });
const namespace = z.looseObject({ id: z.number(), kind: z.string() });

export class GitLabActors implements ActorResolver {
  constructor(
    private readonly client: GitLabClient,
    /** The run's project reads: the release chain may have read (or be reading) this project. */
    private readonly projects?: ProjectCache,
  ) {}

  async resolve(actorType: ActorType, actors: string[]): Promise<string[] | undefined> {
    // A feature group is held by name; a repository's id is its disk path, which the API does
    // not give (the write is sent, and GitLab makes it idempotent).
    if (actorType === "feature_group") return [...actors];
    if (actorType === "repository") return undefined;
    return Promise.all(actors.map((actor) => this.one(actorType, actor)));
  }

  private async one(
    actorType: Exclude<ActorType, "feature_group" | "repository">,
    actor: string,
  ): Promise<string> {
    const missing = () =>
      new Error(
        `${actorType} "${actor}" does not exist on "${this.client.name}" (or its token cannot see it); fix actors: in the config`,
      );
    switch (actorType) {
      case "project": {
        if (this.projects) {
          const project = await orAbsent(this.projects.get(actor));
          if (!project) throw missing();
          return `Project:${project.id}`;
        }
        const body = await orAbsent(this.client.projects.show(actor));
        if (!body) throw missing();
        return `Project:${withId.parse(body).id}`;
      }
      case "group": {
        const body = await orAbsent(this.client.resource(Groups).show(actor));
        if (!body) throw missing();
        return `Group:${withId.parse(body).id}`;
      }
      case "user": {
        const body = await this.client.resource(Users).all({ username: actor } as never);
        const user = z.array(withId).parse(body)[0];
        if (!user) throw missing();
        return `User:${user.id}`;
      }
      case "namespace": {
        const body = await orAbsent(this.client.resource(Namespaces).show(actor));
        if (!body) throw missing();
        const ns = namespace.parse(body);
        return ns.kind === "group" ? `Group:${ns.id}` : `Namespaces::UserNamespace:${ns.id}`;
      }
    }
  }
}
