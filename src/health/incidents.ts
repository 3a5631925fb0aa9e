// The incident check, as ChatOps makes it before a production change: is there an open issue in
// the incident project that carries the incident labels and one of the blocking severities? The
// issues API's `labels` filter means "all of these" (lib/api/issues.rb, IssuesFinder#by_label),
// so each severity is one request: labels=incident,severity::1, then ...,severity::2.

import type { IssueStore } from "../gitlab/issues.js";
import type { IncidentSettings } from "./types.js";

export interface OpenIncident {
  url: string;
  title: string;
  severity: string;
}

export type IncidentReport = { open: OpenIncident[] } | { error: string };

export type IncidentFinder = () => Promise<IncidentReport>;

export function incidentFinder(issues: IssueStore, settings: IncidentSettings): IncidentFinder {
  return async () => {
    try {
      const lists = await Promise.all(
        settings.severities.map(async (severity) => {
          const found = await issues.listOpenIssues(
            { project: settings.project },
            [...settings.labels, severity].join(","),
          );
          return found.map((issue) => ({ url: issue.webUrl, title: issue.title, severity }));
        }),
      );
      // An issue labelled with two severities is one incident.
      const byUrl = new Map(lists.flat().map((i) => [i.url, i] as const));
      return { open: [...byUrl.values()] };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
}

export function describeIncidents(report: IncidentReport, settings: IncidentSettings): string {
  if ("error" in report) {
    return `could not list incidents in ${settings.project}: ${report.error}`;
  }
  if (report.open.length === 0) {
    return `no open issue in ${settings.project} labelled ${settings.labels.join(", ")} with ${settings.severities.join(" or ")}`;
  }
  return `${report.open.length} open: ${report.open.map((i) => `${i.url} (${i.severity})`).join(", ")}; wait until it is resolved`;
}
