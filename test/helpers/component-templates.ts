// The CI/CD components' templates (templates/<name>/template.yml), read the way GitLab reads
// them: a header document with `spec:inputs`, then `---`, then the jobs.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export const TEMPLATES = fileURLToPath(new URL("../../templates", import.meta.url));
export const COMPONENTS = ["rollout", "readiness"] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface InputSpec {
  type?: "string" | "number" | "boolean" | "array";
  description?: string;
  default?: unknown;
  options?: unknown[];
  regex?: string;
}

export function templateText(component: ComponentName): string {
  return readFileSync(join(TEMPLATES, component, "template.yml"), "utf8");
}

/** A template's `spec:inputs`, in file order, parsed with the yaml package. */
export function templateInputs(component: ComponentName): Record<string, InputSpec> {
  const [header, ...rest] = parseAllDocuments(templateText(component));
  if (!header || rest.length !== 1) {
    throw new Error(`templates/${component}/template.yml: expected a spec header, ---, and jobs`);
  }
  const errors = [header, ...rest].flatMap((doc) => doc.errors);
  if (errors.length > 0) throw new Error(`templates/${component}/template.yml: ${errors[0]}`);
  const spec = header.toJS() as { spec?: { inputs?: Record<string, InputSpec | null> } };
  const inputs = spec.spec?.inputs ?? {};
  return Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input ?? {}]));
}

/**
 * The rollout component's per-phase stages, in the template's order: the defaults of its
 * <phase>_stage inputs, the list the README gives to paste into `stages:`.
 */
export function perPhaseStages(): string[] {
  return Object.entries(templateInputs("rollout"))
    .filter(([name]) => name.endsWith("_stage"))
    .map(([, input]) => String(input.default));
}
