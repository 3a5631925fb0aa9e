// Oracle (see parse.ts): micromark extensions on top of the GFM task-list extension:
// - `[~]` ("inapplicable", GitLab 15.3+, lib/banzai/filter/task_list_filter.rb), which the
//   GFM extension does not know (it accepts `[ ]`, `[x]`, `[X]` only);
// - the source position of every box, which the GFM extension drops (it only sets
//   `listItem.checked`), so that ticking can flip exactly that character.

import type { CompileContext, Extension as MdastExtension, Token } from "mdast-util-from-markdown";
import type {
  Code,
  Effects,
  State,
  Extension as SyntaxExtension,
  TokenizeContext,
} from "micromark-util-types";

declare module "micromark-util-types" {
  interface TokenTypeMap {
    taskListCheckValueInapplicable: "taskListCheckValueInapplicable";
  }
}

export type BoxState = "checked" | "unchecked" | "inapplicable";

/** Stored on `listItem.data` by the handlers below. */
export interface BoxData {
  offset: number;
  line: number;
  state: BoxState;
}

const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
const TILDE = 126;
// micromark codes: negative values are line endings (-5..-3) and virtual spaces (-2, -1).
const isLineEnding = (code: Code): boolean =>
  code !== null && (code < -2 || code === 10 || code === 13);
const isSpace = (code: Code): boolean => code === -2 || code === -1 || code === 32 || code === 9;

/** micromark syntax for `[~]` at the start of a list item's first paragraph. */
export function inapplicableTaskSyntax(): SyntaxExtension {
  return {
    text: { [LEFT_BRACKET]: { name: "tasklistInapplicable", tokenize: tokenizeInapplicable } },
  };
}

function tokenizeInapplicable(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  const open: State = (code) => {
    // Same placement rule as the GFM check: first thing in the first content of a list item.
    const allowed = this.previous === null && this._gfmTasklistFirstContentOfListItem === true;
    if (!allowed || code !== LEFT_BRACKET) return nok(code);
    effects.enter("taskListCheck");
    effects.enter("taskListCheckMarker");
    effects.consume(code);
    effects.exit("taskListCheckMarker");
    return inside;
  };
  const inside: State = (code) => {
    if (code !== TILDE) return nok(code);
    effects.enter("taskListCheckValueInapplicable");
    effects.consume(code);
    effects.exit("taskListCheckValueInapplicable");
    return close;
  };
  const close: State = (code) => {
    if (code !== RIGHT_BRACKET) return nok(code);
    effects.enter("taskListCheckMarker");
    effects.consume(code);
    effects.exit("taskListCheckMarker");
    effects.exit("taskListCheck");
    return after;
  };
  // A box needs text after it: a line ending, or white space followed by something.
  const after: State = (code) => {
    if (isLineEnding(code)) return ok(code);
    if (isSpace(code)) return effects.check({ tokenize: spaceThenContent }, ok, nok)(code);
    return nok(code);
  };
  return open;
}

function spaceThenContent(effects: Effects, ok: State, nok: State): State {
  const skip: State = (code) => {
    if (isSpace(code)) {
      effects.enter("whitespace");
      effects.consume(code);
      effects.exit("whitespace");
      return skip;
    }
    return code === null ? nok(code) : ok(code);
  };
  return skip;
}

/** mdast handlers that record each box's position and state on its list item. */
export function taskBoxPositions(): MdastExtension {
  return {
    exit: {
      taskListCheckValueChecked: recordBox("checked"),
      taskListCheckValueUnchecked: recordBox("unchecked"),
      taskListCheckValueInapplicable: recordBox("inapplicable"),
    },
  };
}

function recordBox(state: BoxState) {
  return function exitBox(this: CompileContext, token: Token): undefined {
    // The value token sits in a paragraph inside the list item (as in the GFM extension).
    const node = this.stack[this.stack.length - 2];
    if (node?.type !== "listItem") return;
    node.checked = state === "checked";
    // micromark also takes a line ending as an empty box ("[\n]"); flipping it would join lines.
    if (/[\r\n]/.test(this.sliceSerialize(token))) return;
    const box: BoxData = { offset: token.start.offset, line: token.start.line, state };
    node.data = { ...node.data, ffBox: box } as typeof node.data;
  };
}

export function boxOf(data: unknown): BoxData | undefined {
  return (data as { ffBox?: BoxData } | undefined)?.ffBox;
}
