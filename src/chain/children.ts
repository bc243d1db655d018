// An inscription's newest children, through ord's /r/children/<id>/<page>: { ids, more, page }, 100 IDs a page,
// oldest first (ord src/subcommand/server/r.rs children_paginated, src/index.rs get_children_by_sequence_number_paginated,
// src/api.rs Children). A page past the end answers { ids: [], more: false }; a parent ord does not know, 404.
// Thousands of children are not read page by page: the last page is found by galloping (pages 1, 2, 4, 8, ... until
// one says there is no more), then halving the gap: about 2 log2(pages) requests (15 for 10,000 children).
import { get, type ChainOptions } from './http';
import { isInscriptionId } from './ids';
import { ROUTE, routePath } from './routes';

/** ord's PAGE_SIZE (src/subcommand/server.rs): IDs a page on /r/children and /r/parents, thumbnails a page on /children. */
export const CHILDREN_PAGE_SIZE = 100;
/** The furthest page looked at (1.6 billion children): a server that always says "more" cannot keep the page asking. */
export const MAX_CHILDREN_PAGE = 2 ** 24;
/** A page of 100 IDs is about 7 KB; a longer answer is not a page of children. */
const MAX_PAGE_BYTES = 64 * 1024;

export interface ChildrenPage {
  ids: string[];
  more: boolean;
}

/** One page of a parent's children, oldest first; null when the endpoint fails or answers something else. */
export async function childrenPage(parent: string, page: number, opts: ChainOptions = {}): Promise<ChildrenPage | null> {
  // the route's two parameters filled in order: the parent, then the page
  const got = await get(routePath(routePath(ROUTE.rChildrenPage, parent), page), opts, undefined, MAX_PAGE_BYTES);
  if (!got.ok) return null;
  try {
    const { ids, more } = JSON.parse(got.body) as Record<string, unknown>;
    if (!Array.isArray(ids) || typeof more != 'boolean') return null;
    return { ids: ids.filter(isInscriptionId), more };
  } catch {
    return null;
  }
}

export interface NewestChildren {
  /** Up to `count` child IDs, newest first. */
  ids: string[];
  /** How many pages were requested to find them. */
  requests: number;
}

/** The parent's newest `count` children (newest first): [] when it has none; null when /r/children fails or is absent
 * (an older ord) or contradicts itself. */
export async function newestChildren(parent: string, count: number, opts: ChainOptions = {}): Promise<NewestChildren | null> {
  let requests = 0;
  const read = (page: number): Promise<ChildrenPage | null> => {
    requests++;
    return childrenPage(parent, page, opts);
  };
  // Gallop: `full` is the furthest page known to have more after it, `page` the one to look at next.
  let full = -1, page = 0, last: ChildrenPage | null = null, lastIndex = 0;
  for (;;) {
    const p = await read(page);
    if (!p) return null;
    if (p.more) {
      full = page;
      page = page ? page * 2 : 1;
      if (page > MAX_CHILDREN_PAGE) return null;
      continue;
    }
    if (p.ids.length || page == 0) {
      last = p;
      lastIndex = page;
    }
    break;
  }
  // Halve the gap between the last full page and the first empty one until the last page with IDs is found.
  for (let empty = page; !last; ) {
    if (empty - full <= 1) return null; // a full page followed by an empty one: the list changed under us, or lies
    const mid = full + ((empty - full) >> 1), p = await read(mid);
    if (!p) return null;
    if (p.more) full = mid;
    else if (p.ids.length) {
      last = p;
      lastIndex = mid;
    } else empty = mid;
  }
  const ids = last.ids.slice().reverse();
  // the last page may hold fewer than count: the page before it is full
  if (ids.length < count && lastIndex > 0) {
    const before = await read(lastIndex - 1);
    if (before) ids.push(...before.ids.slice().reverse());
  }
  return { ids: ids.slice(0, count), requests };
}
