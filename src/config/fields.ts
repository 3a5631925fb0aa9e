// Field shapes several parts of the config share: base URLs of services the tool sends tokens to,
// and the names of the variables that hold those tokens.

import { z } from "zod";

// Names of CI variables (POSIX shell names), which is all `token_env` may hold.
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** An instance URL: https, or http only to this machine (the sandbox). No trailing slash kept. */
export const instanceUrl = z
  .string({ error: "must be the instance's base URL, e.g. https://gitlab.example.com" })
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "is not a URL; write the instance's base URL, e.g. https://gitlab.example.com",
      });
      return;
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({
        code: "custom",
        message:
          "must use https (tokens would cross the network in clear); http is only allowed to a loopback host",
      });
    } else if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "must be an https:// URL" });
    }
    if (url.search || url.hash || url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "must not carry credentials, a query or a fragment; give only the base URL",
      });
    }
  })
  .transform((value) => value.replace(/\/+$/, ""));

export const tokenEnv = z
  .string({ error: "must name the CI/CD variable that holds the token, e.g. FF_PROD_TOKEN" })
  .regex(ENV_NAME, {
    error:
      "must be the name of a variable (letters, digits, underscores), not the token itself; put the token in a masked CI/CD variable and name it here",
  });
