/**
 * What the service worker and the pages share. Cache names carry the worker's scope (the site's
 * address with its path prefix), so two sites on one origin never share a cache, and a version of
 * the caching scheme, raised when what a cache holds changes shape.
 */
export function cacheName(kind: "pages" | "fragments" | "images", scope: string): string {
  return `vestnik-${kind}-v1-${scope}`;
}

const articlesPlural = /* @__PURE__ */ new Intl.PluralRules("ru");
const articleWord: Record<string, string> = { one: "статья", few: "статьи", many: "статей", other: "статьи" };

/** «1 статья», «3 статьи», «25 статей». */
export function countArticles(count: number): string {
  return `${count} ${articleWord[articlesPlural.select(count)] ?? "статей"}`;
}
