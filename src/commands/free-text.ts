// Options whose value is free text a person typed: the word after them is always their value,
// even when it starts with "-". node's parseArgs calls "--reason -x" ambiguous and refuses it,
// which during a rollback left the flag on.

const FREE_TEXT = new Set(["--reason"]);

/** "--reason VALUE" becomes "--reason=VALUE", so VALUE is never read as an option. */
export function joinFreeText(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (FREE_TEXT.has(arg) && i + 1 < argv.length) {
      out.push(`${arg}=${argv[i + 1]}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}
