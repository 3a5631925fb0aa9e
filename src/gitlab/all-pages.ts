// Reading every page of a GitLab list in two round trips: the first page, whose X-Total-Pages
// header says how many there are, then all the others at once. Following the Link header page
// by page costs one round trip per page instead, and a rollout issue's notes grow by a system
// note with every ticked box: on a 1 MiB description the history went from one page to many
// (a rollout step went from 6 requests to 12, status from 9 to 20, all one after another).
// GitLab leaves X-Total-Pages out when it does not count (more than 10,000 rows: doc/api/rest/
// index.md, "Pagination response headers"; config/initializers/kaminari_active_record_relation_
// methods_with_limit.rb); then the pages are followed one by one, as before.

export interface Page<T> {
  data: T[];
  /** From X-Total-Pages; NaN when GitLab did not send it. */
  totalPages: number;
  /** From X-Next-Page; null on the last page. */
  next: number | null;
}

export async function allPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const first = await fetchPage(1);
  if (Number.isFinite(first.totalPages)) {
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) => fetchPage(i + 2)),
    );
    return [first, ...rest].flatMap((page) => page.data);
  }
  const data = [...first.data];
  for (let next = first.next; next !== null; ) {
    const page = await fetchPage(next);
    data.push(...page.data);
    next = page.next;
  }
  return data;
}
