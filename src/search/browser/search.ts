/**
 * The site's search, as a module any page can import: `/search/search.js`.
 * It loads Pagefind's index lazily, from the folder beside this module's own, so it works under
 * any path prefix without being told the prefix.
 */

/** One article found. */
export interface Hit {
  /** The article's address, path prefix included. */
  url: string;
  title: string;
  /** Publication time, ISO 8601. */
  date: string;
  tags: string[];
  /** A passage around the match, as HTML with the matched words in `<mark>`. */
  excerpt: string;
  /** The article's first image, when it has one. */
  image?: string;
}

export interface SearchOptions {
  /** At most this many hits, best first. Default: 20. */
  limit?: number;
  /** Only articles that carry every one of these tags. */
  tags?: string[];
  /** Only articles published in this year. */
  year?: number;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string, options?: Record<string, unknown>): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const siteRoot = new URL("../", import.meta.url);
let loading: Promise<Pagefind> | undefined;

function pagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const module = (await import(new URL("pagefind/pagefind.js", siteRoot).href)) as Pagefind;
    await module.options({ baseUrl: siteRoot.pathname, excerptLength: 30 });
    await module.init();
    return module;
  })();
  return loading;
}

/** Finds articles for a reader's query, in the site's language, best matches first. */
export async function search(query: string, options: SearchOptions = {}): Promise<Hit[]> {
  const text = query.trim();
  if (text === "") return [];
  const filters: Record<string, string | string[]> = {};
  if (options.tags && options.tags.length > 0) filters.tag = options.tags;
  if (options.year !== undefined) filters.year = String(options.year);
  const found = await (await pagefind()).search(text, { filters });
  const limit = options.limit ?? 20;
  const pages = await Promise.all((found?.results ?? []).slice(0, limit).map((result) => result.data()));
  return pages.map((page) => ({
    url: page.url,
    title: page.meta.title ?? page.url,
    date: page.meta.date ?? "",
    tags: page.filters.tag ?? [],
    excerpt: page.excerpt,
    image: page.meta.image,
  }));
}
