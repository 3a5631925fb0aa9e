// Git object ids for files and directories (blob and tree hashes, as `git hash-object` and
// `git write-tree` compute them) and directory listings of a commit's file set.

import { createHash } from "node:crypto";

export const sha1 = (data: Buffer): string => createHash("sha1").update(data).digest("hex");

/** git hash-object: the id of a blob with this content. */
export function blobId(content: string): string {
  const body = Buffer.from(content, "utf8");
  return sha1(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]));
}

export interface DirectoryEntry {
  type: "tree" | "blob";
  name: string;
  path: string;
  /** A blob's content ("" for a tree). */
  content: string;
}

/** The direct children of a directory ("" = the root); none when it is not a directory. */
export function directoryEntries(
  files: ReadonlyMap<string, string>,
  dir: string,
): DirectoryEntry[] {
  const prefix = dir === "" ? "" : `${dir}/`;
  const entries = new Map<string, DirectoryEntry>();
  for (const [path, content] of files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (entries.has(name)) continue;
    entries.set(
      name,
      slash < 0
        ? { type: "blob", name, path, content }
        : { type: "tree", name, path: `${prefix}${name}`, content: "" },
    );
  }
  return [...entries.values()];
}

/** Whether a path names a directory in the file set. */
export function isDirectory(files: ReadonlyMap<string, string>, dir: string): boolean {
  if (dir === "") return true;
  const prefix = `${dir}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) return true;
  return false;
}

/** The git tree id of directory `dir` ("" for the root), memoised in `cache`. */
export function treeId(
  files: ReadonlyMap<string, string>,
  dir: string,
  cache: Map<string, string>,
): string {
  const entries = directoryEntries(files, dir);
  const key = entries.map((e) => `${e.type}:${e.path}:${e.content}`).join("\0");
  const cached = cache.get(key);
  if (cached) return cached;
  // git sorts tree entries by name, a directory as if its name ended with "/".
  const sortName = (e: DirectoryEntry) => (e.type === "tree" ? `${e.name}/` : e.name);
  const sorted = [...entries].sort((a, b) => (sortName(a) < sortName(b) ? -1 : 1));
  const body = Buffer.concat(
    sorted.map((entry) => {
      const id = entry.type === "tree" ? treeId(files, entry.path, cache) : blobId(entry.content);
      const mode = entry.type === "tree" ? "40000" : "100644";
      return Buffer.concat([Buffer.from(`${mode} ${entry.name}\0`), Buffer.from(id, "hex")]);
    }),
  );
  const id = sha1(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]));
  cache.set(key, id);
  return id;
}
