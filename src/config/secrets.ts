// Secrets the configuration leads us to read (tokens today; webhook URLs and a Prometheus bearer
// token are read the same way). Whatever reads one from the environment goes through
// readSecret(), which registers it, and wiring hands every registered value to the redactor
// before the first request: adding a new kind of secret is one call, and it cannot be forgotten.

export class Secrets {
  private readonly values = new Set<string>();

  /** The trimmed value of `variable`, registered as a secret; undefined when unset or blank. */
  readSecret(env: Record<string, string | undefined>, variable: string): string | undefined {
    const value = env[variable]?.trim();
    if (!value) return undefined;
    this.values.add(value);
    return value;
  }

  all(): string[] {
    return [...this.values];
  }
}

// Variable names that hold secrets by convention (CI_JOB_TOKEN, a *_PASSWORD, a webhook URL).
const SECRET_NAME = /TOKEN|PASSWORD|SECRET|WEBHOOK|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

/**
 * Values of secret-looking variables, registered before the config is even read, so that an error
 * raised while reading it (or a bug) cannot print them. Only long values without spaces: a short
 * word ("enabled") would mask that word everywhere.
 */
export function secretsInEnvironment(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value && /^\S{16,}$/.test(value.trim()))
    .flatMap(([, value]) => urlSecretParts(value!));
}

// GitLab's token prefixes (doc/security/tokens): personal, OAuth, runner, pipeline trigger, deploy,
// feed, job, SCIM, CI build, incoming mail, agent, workspace, feature-flag client tokens.
const TOKEN_LIKE = /\bgl(?:pat|oas|rt|rtr|ptt|dt|ft|cbt|soat|imt|agent|wt|ffct|sa)-/i;

/**
 * Whether a config value may be quoted in an error. Never when the key names a secret's variable
 * (a value that is not a variable's name there is most likely the secret itself), when it is a
 * URL carrying credentials, or when it looks like a token: the error then names the key only.
 */
export function mayQuote(path: string, value: unknown): boolean {
  if (/(?:^|[._])(?:token|password|secret)|_env$/i.test(path)) return false;
  if (typeof value !== "string") return true;
  if (TOKEN_LIKE.test(value)) return false;
  return !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i.test(value.trim());
}

/** ` (got "value")` when the value may be quoted, else nothing. */
export function quoted(path: string, value: unknown): string {
  return mayQuote(path, value) ? ` (got ${JSON.stringify(value)?.slice(0, 80)})` : "";
}

/**
 * The secret parts of a webhook URL: everything after the host (Slack's and most services' secret
 * is the path or the query) and any user:password. The scheme and host are not secret, and masking
 * them (the redactor masks 8-character runs) would garble every URL in the output.
 */
export function urlSecretParts(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return [value.trim()];
  }
  if (!/^https?:$/.test(url.protocol)) return [value.trim()];
  const rest = `${url.pathname}${url.search}${url.hash}`;
  const parts: string[] = [];
  if (rest.length > 1) parts.push(rest);
  if (url.username) parts.push(decodeURIComponent(url.username));
  if (url.password) parts.push(decodeURIComponent(url.password));
  // Nothing but a host: then the whole value is what we have to hide.
  return parts.length > 0 ? parts : [value.trim()];
}
