import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * One part of the site's search index: a Pagefind index of its own, which the browser merges with
 * the others (Pagefind's `mergeIndex`). Pagefind holds a whole index in memory while it writes it,
 * about 170 KB an article, so an archive is indexed a part at a time: memory stays that of one part,
 * and an edit in `npm start` re-indexes only the part that holds the article.
 */
export interface IndexPart {
  /**
   * Where the part's Pagefind files go, relative to the output folder: `pagefind` for the newest
   * part (the one search.js loads first), `pagefind/from-2019-06` for an older one, named after its
   * first folder so that it keeps its name while newer articles are added.
   */
  dir: string;
  /** The article folders it holds (`2019/06`, `2020`); undefined: every page of the site. */
  folders: string[] | undefined;
  /** How many articles the part holds. */
  articles: number;
}

/** The folder of the newest part, where Pagefind's files usually are; the older parts' folders are inside it. */
export const newestPartDir = "pagefind";

/** How an older part's folder inside `pagefind/` begins. */
export const olderPartPrefix = "from-";

/**
 * What search.js reads before it searches: `parts`, the older parts it merges (relative to the site),
 * and `shared`, the page ids more than one part gave (fragments.ts: `sharedFragmentIds`).
 */
export const partsFile = "pagefind/parts.json";

interface Folder {
  path: string;
  articles: number;
  /** Articles directly in this folder rather than in a subfolder: it cannot be split then. */
  own: number;
  children: Map<string, Folder>;
}

/**
 * Splits the site's articles into parts of at most `maxArticles`, by the folders of their addresses
 * (`/2025/11/15/slug/`: a year, then a month, then a day): whole years while they fit, otherwise
 * months, then days (a single day with more articles is one part). Parts follow the folders' order,
 * oldest first for dated addresses; the newest part is last. The newest part holds at most
 * `newestArticles` where whole days allow: Pagefind cannot update one page, so a new article
 * re-indexes its whole part, and a small newest part is what makes breaking news quick
 * (since-last.ts). Only the newest folder is split further for it, and only the last part is cut in
 * two, so the older parts stay large and unchanged; when the newest part outgrows its size, its
 * older folders move to the part before it, which is then indexed again. Articles are read from their folders
 * only: Pagefind reads every page it is given, and leaving out the front and tag pages saves a
 * quarter of its time and memory. An article not in a folder (a custom permalink at the root, or a
 * folder named with glob characters) makes one part of every page: only article pages carry
 * `data-pagefind-body`, so nothing else is indexed.
 */
export function planIndexParts(articleUrls: readonly string[], maxArticles: number, newestArticles = maxArticles): IndexPart[] {
  const everyPage: IndexPart[] = [{ dir: newestPartDir, folders: undefined, articles: articleUrls.length }];
  if (articleUrls.length === 0) return everyPage;
  const root: Folder = { path: "", articles: 0, own: 0, children: new Map() };
  for (const url of articleUrls) {
    const segments = url.split("/").filter(Boolean).slice(0, -1);
    // A folder name a glob would read as a pattern (a custom permalink) cannot be named in one.
    if (segments.length === 0 || segments.some((segment) => /[{},*?[\]!\\]/.test(segment))) return everyPage;
    let folder = root;
    folder.articles++;
    for (const segment of segments) {
      let child = folder.children.get(segment);
      if (!child) {
        child = { path: folder.path ? `${folder.path}/${segment}` : segment, articles: 0, own: 0, children: new Map() };
        folder.children.set(segment, child);
      }
      child.articles++;
      folder = child;
    }
    folder.own++;
  }
  // Folders in order, each whole or split; `undefined` where a split folder begins: its parts start
  // a part of the index of their own, so that the parts before it stay as they were when it grew
  // too big (only the newest folders grow).
  const units: (Folder | undefined)[] = [];
  const split = (folder: Folder): void => {
    if (folder.articles <= maxArticles || folder.own > 0 || folder.children.size === 0) units.push(folder);
    else {
      units.push(undefined);
      for (const name of [...folder.children.keys()].sort()) split(folder.children.get(name) as Folder);
    }
  };
  for (const name of [...root.children.keys()].sort()) split(root.children.get(name) as Folder);
  // The newest folder, while it holds more than the newest part may, goes by its months or days.
  for (let last = units.at(-1); last && last.articles > newestArticles && last.own === 0 && last.children.size > 0; last = units.at(-1)) {
    units.pop();
    units.push(undefined);
    for (const name of [...last.children.keys()].sort()) units.push(last.children.get(name) as Folder);
  }

  const groups: Folder[][] = [];
  let count = 0;
  let fresh = true;
  for (const unit of units) {
    if (unit === undefined) {
      fresh = true;
      continue;
    }
    const last = groups.at(-1);
    if (last && !fresh && count + unit.articles <= maxArticles) {
      last.push(unit);
      count += unit.articles;
    } else {
      groups.push([unit]);
      count = unit.articles;
    }
    fresh = false;
  }
  // The newest part: as many of the last part's newest folders as fit in `newestArticles` (at least one).
  const last = groups.at(-1) ?? [];
  const size = (group: Folder[]) => group.reduce((sum, folder) => sum + folder.articles, 0);
  if (last.length > 1 && size(last) > newestArticles) {
    let cut = last.length - 1;
    while (cut > 1 && size(last.slice(cut - 1)) <= newestArticles) cut--;
    groups.splice(-1, 1, last.slice(0, cut), last.slice(cut));
  }
  return groups.map((group, index) => ({
    dir: index === groups.length - 1 ? newestPartDir : `${newestPartDir}/${olderPartPrefix}${group[0]?.path.replaceAll("/", "-")}`,
    folders: group.map((folder) => folder.path),
    articles: size(group),
  }));
}

/**
 * The parts' folders from the newest part to the oldest when every part holds dated folders only
 * (`2025`, `2025/11`, `2025/11/15`, as article addresses begin): every article of a part is then
 * newer than those of the parts planned before it. Undefined for any other site (a custom permalink
 * can put an old article in any part), and when no parts are given.
 */
export function newestPartsFirst(parts: readonly IndexPart[]): string[] | undefined {
  const dated = parts.length > 0 && parts.every((part) => part.folders?.every((folder) => /^\d{4}(\/\d{2}){0,2}$/.test(folder)));
  return dated ? parts.map((part) => part.dir).reverse() : undefined;
}

/** A Pagefind glob for a part's article pages; undefined: every page of the site. */
export function partGlob(part: IndexPart): string | undefined {
  return part.folders && `{${part.folders.join(",")}}/**/*.html`;
}

/** The folder, in the output folder, of a part's pages as Pagefind reads them (`partView`) while it indexes them. */
export const partViewFolder = ".vestnik-part-view";

/** The most articles of a part Pagefind reads from a view of its own (`partView`): the newest part is 200 by default. */
const viewedPartSize = 2000;

/**
 * The article pages of a small part with folders, linked into `partViewFolder` at the same paths,
 * for Pagefind to index (its URLs are the same); undefined for a part of every page, or a large one,
 * which Pagefind finds by a glob. Pagefind's glob walks every folder of the site to match it: a part
 * of 200 pages took 1.5–2 s among a 50,000-article site's 81,000 folders, a tenth of a build since
 * the last one; a part of 10,000 pages, each in a folder of its own, took longer to link than to find
 * (the full build's search step, 150 → 206 s). The view holds only the part's folders, linked in
 * name order, which is the order Pagefind numbers the pages in wherever the site is built; which
 * parts are viewed depends on their size only, so every build indexes a part the same way. The
 * caller removes it once Pagefind has read it.
 */
export function partView(outputDir: string, part: IndexPart): string | undefined {
  if (!part.folders || part.articles > viewedPartSize) return undefined;
  const view = path.join(outputDir, partViewFolder);
  rmSync(view, { recursive: true, force: true });
  const pages: string[] = [];
  for (const folder of part.folders) {
    const dir = path.join(outputDir, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith(".html")) pages.push(path.relative(outputDir, path.join(entry.parentPath, entry.name)));
    }
  }
  mkdirSync(view, { recursive: true });
  for (const page of pages.sort()) {
    const linked = path.join(view, page);
    mkdirSync(path.dirname(linked), { recursive: true });
    try {
      linkSync(path.join(outputDir, page), linked);
    } catch {
      copyFileSync(path.join(outputDir, page), linked);
    }
  }
  return view;
}

/**
 * The folders of the search index written to `outputDir`, relative to it: `pagefind` first, then
 * the older parts `pagefind/parts.json` lists. Empty when the site has no search index.
 */
export function indexDirs(outputDir: string): string[] {
  if (!existsSync(path.join(outputDir, newestPartDir, "pagefind-entry.json"))) return [];
  const file = path.join(outputDir, partsFile);
  const older = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { parts: string[] }).parts : [];
  return [newestPartDir, ...older.map((dir) => dir.replace(/\/$/, ""))];
}
