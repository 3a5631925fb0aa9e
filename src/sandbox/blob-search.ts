// Basic (non-Elasticsearch) code search over the files at a ref, as GitLab does it through
// Gitaly's SearchFilesByContent (git grep, case-insensitive, fixed text, two lines of context
// either side; touching or overlapping contexts make one chunk). Each chunk is one result,
// parsed like Gitlab::Search::FoundBlob#parse_search_result: `data` is the chunk's lines,
// `startline` its first line, `basename` the path without its extension, `id` null.
// Gitlab::Search::Query filters are honoured: filename:, path: and extension:.

export interface BlobMatch {
  path: string;
  basename: string;
  startline: number;
  data: string;
}

const CONTEXT = 2;

interface Query {
  text: string;
  filename?: string;
  path?: string;
  extension?: string;
}

export function parseBlobQuery(search: string): Query {
  const query: Query = { text: "" };
  const words: string[] = [];
  for (const word of search.split(/\s+/)) {
    const filter = /^(filename|path|extension):(.+)$/.exec(word);
    if (filter?.[1] && filter[2]) query[filter[1] as "filename" | "path" | "extension"] = filter[2];
    else if (word !== "") words.push(word);
  }
  query.text = words.join(" ");
  return query;
}

/** A filename: or path: filter with `*` wildcards, matched anywhere in the name, any case. */
function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(escaped, "i").test(value);
}

function fileMatches(query: Query, path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (query.filename && !globMatches(query.filename, name)) return false;
  if (query.path && !globMatches(query.path, path)) return false;
  if (query.extension && !name.toLowerCase().endsWith(`.${query.extension.toLowerCase()}`))
    return false;
  return true;
}

/** Pathname#sub_ext(""): the path without its last extension. */
export function withoutExtension(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

export function searchBlobs(files: ReadonlyMap<string, string>, search: string): BlobMatch[] {
  const query = parseBlobQuery(search);
  const wanted = query.text.toLowerCase();
  const results: BlobMatch[] = [];
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    if (!fileMatches(query, path)) continue;
    const content = files.get(path) ?? "";
    // git grep -I: binary files are skipped.
    if (content.includes("\0")) continue;
    const lines = content.split("\n");
    if (lines.at(-1) === "") lines.pop();
    if (wanted === "") {
      // Only filters: the file itself, as FoundBlob#fetch_blob loads it (at most 1 KiB).
      if (query.filename || query.path || query.extension) {
        const data = content.slice(0, 1024);
        results.push({ path, basename: withoutExtension(path), startline: 1, data });
      }
      continue;
    }
    const hits = lines.flatMap((line, i) => (line.toLowerCase().includes(wanted) ? [i] : []));
    const ranges: [number, number][] = [];
    for (const hit of hits) {
      const from = Math.max(0, hit - CONTEXT);
      const to = Math.min(lines.length - 1, hit + CONTEXT);
      const last = ranges.at(-1);
      if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
      else ranges.push([from, to]);
    }
    for (const [from, to] of ranges) {
      results.push({
        path,
        basename: withoutExtension(path),
        startline: from + 1,
        data: lines
          .slice(from, to + 1)
          .map((line) => `${line}\n`)
          .join(""),
      });
    }
  }
  return results;
}
