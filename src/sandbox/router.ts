// A tiny router over GitLab-style patterns such as "/projects/:id/issues/:issue_iid/notes".
// Matching is per raw path segment, before decoding, so `gitlab-org%2Fgitlab` is one `:id`
// while an unencoded `gitlab-org/gitlab` has one segment too many and does not match: GitLab
// declares `requirements: { id: /[^\/]+/ }` on project routes (lib/api/api.rb), and there
// such a request falls through to the catch-all 404.

export type PathParams = Record<string, string>;

export type PatternMatcher = (rawPath: string) => PathParams | undefined;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Compiles a ":param" pattern into a matcher of raw (still encoded) paths. */
export function compilePattern(pattern: string): PatternMatcher {
  const parts = pattern.split("/");
  return (rawPath) => {
    const segments = rawPath.split("/");
    if (segments.length !== parts.length) return undefined;
    const params: PathParams = {};
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) {
        if (segment === "") return undefined;
        const decoded = decodeSegment(segment);
        if (decoded === undefined) return undefined;
        params[part.slice(1)] = decoded;
      } else if (part !== segment) {
        return undefined;
      }
    }
    return params;
  };
}

export interface RouteDefinition {
  method: string;
  pattern: string;
}

export interface RouteMatch<R extends RouteDefinition> {
  route: R;
  params: PathParams;
}

export class Router<R extends RouteDefinition> {
  private readonly entries: { route: R; match: PatternMatcher }[] = [];

  constructor(routes: readonly R[] = []) {
    for (const route of routes) this.add(route);
  }

  add(route: R): this {
    this.entries.push({ route, match: compilePattern(route.pattern) });
    return this;
  }

  /** The first route registered for this method whose pattern matches the raw path. */
  match(method: string, rawPath: string): RouteMatch<R> | undefined {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const entry of this.entries) {
      if (entry.route.method !== wanted) continue;
      const params = entry.match(rawPath);
      if (params) return { route: entry.route, params };
    }
    return undefined;
  }

  get routes(): R[] {
    return this.entries.map((entry) => entry.route);
  }
}
