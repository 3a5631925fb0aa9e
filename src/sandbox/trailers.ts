// Git trailers of a commit message, as GitLab's commit entity exposes them (`trailers`: the last
// value per key; `extended_trailers`: every value per key), read from the message's last
// paragraph the way `git interpret-trailers --parse` does for the plain `Key: value` form.

const TRAILER = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(\S.*)$/;

/** The message's trailer lines as [key, value], or none when its last paragraph is not trailers. */
export function trailerLines(message: string): Array<[string, string]> {
  const paragraphs = message
    .replace(/\r/g, "")
    .trimEnd()
    .split(/\n[ \t]*\n/);
  // A message of one paragraph is all subject: git finds no trailers in it.
  if (paragraphs.length < 2) return [];
  const last = (paragraphs[paragraphs.length - 1] ?? "").split("\n");
  const parsed = last.map((line) => TRAILER.exec(line));
  if (parsed.some((m) => m === null)) return [];
  return parsed.map((m) => [m?.[1] ?? "", (m?.[2] ?? "").trimEnd()]);
}

export function commitTrailers(message: string): {
  trailers: Record<string, string>;
  extended_trailers: Record<string, string[]>;
} {
  const trailers: Record<string, string> = {};
  const extended: Record<string, string[]> = {};
  for (const [key, value] of trailerLines(message)) {
    trailers[key] = value;
    extended[key] = [...(extended[key] ?? []), value];
  }
  return { trailers, extended_trailers: extended };
}
