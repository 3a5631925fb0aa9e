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

export async function allPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  /**
   * How many pages there were when the same list was read a moment ago: they are all asked for
   * at once, in one round trip (the lease's read of the notes, right after the history's). A
   * list that grew past them costs one more round trip, as without the hint.
   */
  expectedPages = 1,
): Promise<T[]> {
  const pages = await Promise.all(
    Array.from({ length: Math.max(1, expectedPages) }, (_, i) => fetchPage(i + 1)),
  );
  const first = pages[0]!;
  if (Number.isFinite(first.totalPages)) {
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, first.totalPages - pages.length) }, (_, i) =>
        fetchPage(pages.length + i + 1),
      ),
    );
    return [...pages, ...rest].slice(0, Math.max(1, first.totalPages)).flatMap((p) => p.data);
  }
  const data = pages.flatMap((page) => page.data);
  for (let next = pages.at(-1)!.next; next !== null; ) {
    const page = await fetchPage(next);
    data.push(...page.data);
    next = page.next;
  }
  return data;
}
