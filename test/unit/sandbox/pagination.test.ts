import { describe, expect, it } from "vitest";
import {
  MAX_COUNT_LIMIT,
  paginate,
  readPageRequest,
  toQuery,
} from "../../../src/sandbox/pagination.js";

const url = new URL("http://127.0.0.1:1234/dev/api/v4/projects/a%2Fb/issues/1/notes?page=2");
const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const page = (all: number[], p: number, perPage = 20) =>
  paginate(all, {
    request: { page: p, perPage, requestedPerPage: perPage },
    url,
    linkParams: { id: "a/b" },
  });

describe("readPageRequest", () => {
  it("defaults to page 1 of 20 and clamps per_page to 100", () => {
    expect(readPageRequest({})).toEqual({ page: 1, perPage: 20, requestedPerPage: 20 });
    expect(readPageRequest({ per_page: "250", page: "3" })).toEqual({
      page: 3,
      perPage: 100,
      requestedPerPage: 250,
    });
  });

  it("refuses non-integers, zero and negatives with Grape's messages", () => {
    const error = (input: Record<string, string>) => {
      try {
        readPageRequest(input);
      } catch (e) {
        return (e as { body: unknown }).body;
      }
      return undefined;
    };
    expect(error({ page: "x" })).toEqual({ error: "page is invalid" });
    expect(error({ per_page: "0" })).toEqual({ error: "per_page has a value not allowed" });
    expect(error({ page: "-1" })).toEqual({ error: "page does not have a valid value" });
  });
});

describe("paginate", () => {
  it("first page: next, no prev, totals, links first/last", () => {
    const { items: got, headers } = page(items(45), 1);
    expect(got).toEqual(items(20));
    expect(headers).toMatchObject({
      "X-Page": "1",
      "X-Per-Page": "20",
      "X-Next-Page": "2",
      "X-Prev-Page": "",
      "X-Total": "45",
      "X-Total-Pages": "3",
    });
    expect(headers.Link).toBe(
      [
        '<http://127.0.0.1:1234/dev/api/v4/projects/a%2Fb/issues/1/notes?id=a%2Fb&page=2&per_page=20>; rel="next"',
        '<http://127.0.0.1:1234/dev/api/v4/projects/a%2Fb/issues/1/notes?id=a%2Fb&page=1&per_page=20>; rel="first"',
        '<http://127.0.0.1:1234/dev/api/v4/projects/a%2Fb/issues/1/notes?id=a%2Fb&page=3&per_page=20>; rel="last"',
      ].join(", "),
    );
  });

  it("middle and last pages", () => {
    expect(page(items(45), 2).headers).toMatchObject({ "X-Next-Page": "3", "X-Prev-Page": "1" });
    const last = page(items(45), 3);
    expect(last.items).toEqual([41, 42, 43, 44, 45]);
    expect(last.headers).toMatchObject({ "X-Next-Page": "", "X-Prev-Page": "2" });
    expect(last.headers.Link).not.toContain('rel="next"');
  });

  it("an empty list still has one page; a page beyond the end has no neighbours", () => {
    expect(page([], 1).headers).toMatchObject({
      "X-Total": "0",
      "X-Total-Pages": "1",
      "X-Next-Page": "",
      "X-Prev-Page": "",
    });
    expect(page(items(5), 4).headers).toMatchObject({ "X-Next-Page": "", "X-Prev-Page": "" });
  });

  it(`above ${MAX_COUNT_LIMIT} records omits X-Total, X-Total-Pages and rel="last"`, () => {
    const exactly = page(items(MAX_COUNT_LIMIT), 1, 100).headers;
    expect(exactly["X-Total"]).toBe(String(MAX_COUNT_LIMIT));
    const over = page(items(MAX_COUNT_LIMIT + 1), 1, 100).headers;
    expect(over).not.toHaveProperty("X-Total");
    expect(over).not.toHaveProperty("X-Total-Pages");
    expect(over.Link).not.toContain('rel="last"');
    expect(over["X-Next-Page"]).toBe("2");
  });
});

describe("toQuery", () => {
  it("sorts pairs and escapes like CGI.escape, arrays as key[]", () => {
    expect(toQuery({ z: "a b", a: "x/y~.-_", refs: ["m", "n"], skip: undefined })).toBe(
      "a=x%2Fy~.-_&refs%5B%5D=m&refs%5B%5D=n&z=a+b",
    );
    expect(toQuery({ title: "Grüße" })).toBe("title=Gr%C3%BC%C3%9Fe");
  });
});
