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

/** What «Сохранить для чтения офлайн» downloads, as the build counted it: `{ bytes, label }`. */
export const savingCostFile = "offline/saving.json";

const sizeFormat = /* @__PURE__ */ new Intl.NumberFormat("ru", { maximumFractionDigits: 1 });

/** «≈ 340 КБ», «≈ 9,4 МБ», «≈ 27 МБ»: a download's size as a reader weighs it (binary units, as phones count). */
export function approximateSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `≈ ${Math.max(1, Math.round(kb))} КБ`;
  const mb = kb / 1024;
  return `≈ ${sizeFormat.format(mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb))} МБ`;
}
