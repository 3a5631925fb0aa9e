// allPages: the first page, then every other page at once when GitLab said how many there are;
// page after page, following X-Next-Page, when it did not (more than 10,000 rows).

import { describe, expect, it } from "vitest";
import { allPages, type Page } from "../../../src/gitlab/all-pages.js";

/** A list of `rows` rows, 3 a page; `counted`: whether X-Total-Pages is sent. */
function list(rows: number, counted: boolean) {
  const asked: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const pages = Math.max(1, Math.ceil(rows / 3));
  const fetchPage = async (page: number): Promise<Page<number>> => {
    asked.push(page);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    const data = Array.from({ length: rows }, (_, i) => i).slice((page - 1) * 3, page * 3);
    return { data, totalPages: counted ? pages : Number.NaN, next: page < pages ? page + 1 : null };
  };
  return { fetchPage, asked, mostInFlight: () => mostInFlight };
}

describe("allPages", () => {
  it("reads every page after the first at once, and keeps the order", async () => {
    const l = list(14, true);
    expect(await allPages(l.fetchPage)).toEqual(Array.from({ length: 14 }, (_, i) => i));
    expect(l.asked[0]).toBe(1);
    expect([...l.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(l.mostInFlight()).toBe(4);
  });

  it("asks once for a list of one page or none", async () => {
    const one = list(2, true);
    expect(await allPages(one.fetchPage)).toEqual([0, 1]);
    expect(one.asked).toEqual([1]);
    const none = list(0, true);
    expect(await allPages(none.fetchPage)).toEqual([]);
    expect(none.asked).toEqual([1]);
  });

  it("follows the pages one by one when GitLab did not count them", async () => {
    const l = list(8, false);
    expect(await allPages(l.fetchPage)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(l.asked).toEqual([1, 2, 3]);
    expect(l.mostInFlight()).toBe(1);
  });
});
