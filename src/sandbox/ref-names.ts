// Gitlab::GitRefValidator.validate: git check-ref-format's rules for a branch name, plus
// GitLab's own (no leading "-", no "refs/heads/" prefix, not "HEAD", not a full commit id).

const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

export function isValidBranchName(name: string): boolean {
  if (name === "" || name === "HEAD" || name === "@") return false;
  if (name.startsWith("-") || name.startsWith("refs/heads/") || name.startsWith("refs/remotes/"))
    return false;
  if (/^[0-9a-f]{40}$/i.test(name)) return false;
  if (FORBIDDEN.test(name) || name.includes("..") || name.includes("@{")) return false;
  if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".") || name.includes("//"))
    return false;
  return name.split("/").every((part) => !part.startsWith(".") && !part.endsWith(".lock"));
}
