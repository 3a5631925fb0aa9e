// Reading ChatOps commands out of checklist text: `/chatops run ...` (older templates) and
// `/chatops gitlab run ...` (newer), whether in backticks, in running text or in a code block.
// Only what a rollout issue uses is understood: `feature set|delete|get`, `auto_deploy status`,
// `release check`; anything else is kept as kind "other".

import type { ChatopsInstance } from "../engine/facts.js";
import type { ActorType } from "../flags/types.js";
import { isPlaceholder } from "./placeholders.js";
import type { ActorSelection, ChatopsCommand, CommandArg, SetValue } from "./types.js";

const START = /\/chatops\s+(gitlab\s+)?run\b/g;
const INSTANCE_OPTIONS: Record<string, ChatopsInstance> = {
  dev: "dev",
  pre: "pre",
  staging: "staging",
  "staging-ref": "staging-ref",
  production: "production",
  ops: "ops",
};
const ACTOR_OPTIONS: Record<string, ActorType> = {
  project: "project",
  group: "group",
  user: "user",
  namespace: "namespace",
  repository: "repository",
  "feature-group": "feature_group",
  feature_group: "feature_group",
};

/** The first ChatOps command in `text`, or null. */
export function parseChatopsCommand(text: string): ChatopsCommand | null {
  return parseChatopsCommands(text)[0] ?? null;
}

/** Every ChatOps command in `text`, in order. */
export function parseChatopsCommands(text: string): ChatopsCommand[] {
  const commands: ChatopsCommand[] = [];
  // Most texts have no command; `matchAll` would copy the pattern for each of them.
  if (!text.includes("/chatops")) return commands;
  for (const match of text.matchAll(START)) {
    const from = match.index + match[0].length;
    // A command ends with its inline code span or its line.
    const stop = text.slice(from).search(/[`\n\r]/);
    const rest = stop === -1 ? text.slice(from) : text.slice(from, from + stop);
    const form = match[1] ? "chatops gitlab run" : "chatops run";
    commands.push(interpret(match[0], rest, form));
  }
  return commands;
}

function interpret(head: string, rest: string, form: ChatopsCommand["form"]): ChatopsCommand {
  const words = tokens(rest);
  const [group, sub] = words;
  if (group === "feature" && (sub === "set" || sub === "delete" || sub === "get")) {
    return featureCommand(head, words, form, sub);
  }
  if (group === "auto_deploy" && sub === "status") {
    const used = words.slice(0, 3);
    return { kind: "auto-deploy-status", form, raw: raw(head, used), sha: arg(words[2] ?? "") };
  }
  if (group === "release" && sub === "check") {
    const used = words.slice(0, 4);
    return {
      kind: "release-check",
      form,
      raw: raw(head, used),
      mergeRequest: arg(words[2] ?? ""),
      milestone: arg(words[3] ?? ""),
    };
  }
  return { kind: "other", form, raw: raw(head, words), words };
}

function featureCommand(
  head: string,
  words: string[],
  form: ChatopsCommand["form"],
  sub: "set" | "delete" | "get",
): ChatopsCommand {
  const wanted = sub === "set" ? 2 : 1;
  const positionals: string[] = [];
  const instances: ChatopsInstance[] = [];
  const actors: ActorSelection[] = [];
  let percentageOf: "actors" | "time" | null = null;
  let used = 2;
  for (const word of words.slice(2)) {
    if (word.startsWith("#")) break; // a shell comment after the command
    if (word.startsWith("--")) {
      const [name = "", value] = word.slice(2).split(/=(.*)/s, 2);
      const instance = INSTANCE_OPTIONS[name];
      const actorType = ACTOR_OPTIONS[name];
      if (instance && !instances.includes(instance)) instances.push(instance);
      else if (name === "actors") percentageOf = "actors";
      else if (name === "random") percentageOf = "time";
      else if (actorType && value !== undefined) actors.push(actorSelection(actorType, value));
      // `--<actor-type>=<actor>`: one template's generic option, standing for the configured type.
      else if (isPlaceholder(name) && value !== undefined)
        actors.push(actorSelection("any", value));
    } else if (positionals.length < wanted) {
      positionals.push(word);
    } else {
      break; // prose after the command
    }
    used++;
  }
  const base = {
    form,
    raw: raw(head, words.slice(0, used)),
    flag: arg(positionals[0] ?? ""),
    // No instance option means production, as in ChatOps.
    instances: instances.length > 0 ? instances : (["production"] as ChatopsInstance[]),
  };
  if (sub === "delete") return { kind: "feature-delete", ...base };
  if (sub === "get") return { kind: "feature-get", ...base };
  return {
    kind: "feature-set",
    ...base,
    value: setValue(positionals[1] ?? ""),
    actors,
    percentageOf,
  };
}

function actorSelection(type: ActorSelection["type"], list: string): ActorSelection {
  return {
    type,
    actors: list
      .split(",")
      .map((actor) => actor.trim())
      .filter((actor) => actor !== "")
      .map(arg),
  };
}

function setValue(word: string): SetValue {
  if (/^true$/i.test(word)) return { kind: "boolean", value: true };
  if (/^false$/i.test(word)) return { kind: "boolean", value: false };
  const number = /^(\d+(?:\.\d+)?)%?$/.exec(word);
  if (number) return { kind: "percentage", value: Number(number[1]) };
  if (word !== "" && isPlaceholder(word)) return { kind: "placeholder", text: word };
  return { kind: "invalid", text: word };
}

function arg(text: string): CommandArg {
  return { text, placeholder: text === "" || isPlaceholder(text) };
}

/** Words of the command, without sentence punctuation glued to them ("--dev." -> "--dev"). */
function tokens(rest: string): string[] {
  return rest
    .split(/\s+/)
    .map(unpunctuated)
    .filter((word) => word !== "");
}

// Most words have nothing to strip: test the end characters before replacing.
function unpunctuated(word: string): string {
  let bare = word.startsWith("(") ? word.replace(/^\(+/, "") : word;
  if (TRAILING_PUNCTUATION.has(bare.charAt(bare.length - 1)))
    bare = bare.replace(/[.,;:!?)]+$/, "");
  return bare;
}

const TRAILING_PUNCTUATION = new Set([".", ",", ";", ":", "!", "?", ")"]);

function raw(head: string, used: string[]): string {
  // The head is "/chatops run" or "/chatops gitlab run", with white space as written.
  const normalised = /\s\s|[^\S ]/.test(head) ? head.replace(/\s+/g, " ") : head;
  return used.length === 0 ? normalised : `${normalised} ${used.join(" ")}`;
}
