// The README's fenced code blocks, as markdown-it reads them, with the file each YAML block
// says it shows (its first line: `# .gitlab-ci.yml` or `# .gitlab/ff-rollout.yml`).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";

export const README = fileURLToPath(new URL("../../README.md", import.meta.url));

export interface CodeBlock {
  /** The fence's info string: yaml, sh... */
  lang: string;
  text: string;
  /** 1-based line of the fence in the README. */
  line: number;
  /** For YAML: the file named on its first line, if any. */
  file: string | undefined;
}

export function readmeBlocks(text = readFileSync(README, "utf8")): CodeBlock[] {
  return new MarkdownIt()
    .parse(text, {})
    .filter((token) => token.type === "fence")
    .map((token) => {
      const lang = token.info.trim().split(/\s+/)[0] ?? "";
      const file = /^# (\S+)\s*$/m.exec(token.content.split("\n")[0] ?? "")?.[1];
      return { lang, text: token.content, line: (token.map?.[0] ?? 0) + 1, file };
    });
}

export const yamlBlocks = () =>
  readmeBlocks().filter((block) => block.lang === "yaml" || block.lang === "yml");
