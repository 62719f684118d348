import type { NewsroomPages, ResolvedOptions } from "./options.ts";
import type { LatinLanguage } from "./search/latin.ts";
import { uiStrings } from "./theme/strings.ts";

/**
 * One language of the newsroom: the site's own (`language`, at the site's root) or one of its
 * `editions`, published under `/<language>/` with its own front page, tag pages, feeds, search
 * and 404 page. Each edition is the site's options seen in its language: the same pages, feeds and
 * search code serve every edition, given these options.
 */
export interface Edition {
  /** `ru`, `kk`, `en`: the language of its articles and pages. */
  language: string;
  /** `""` for the site's own language, `/kk` for an edition: put before every address of the edition. */
  prefix: string;
  /** The site's options in this language: its strings, its pages under the prefix. */
  options: ResolvedOptions;
}

/** How an edition's search reads a query from a Latin keyboard: English words are English, not mistyped Cyrillic. */
export function latinReadingOf(language: string): LatinLanguage | false | undefined {
  return language === "en" ? false : undefined;
}

/** The site's editions, its own language first. A site without `editions` has one: itself, unchanged. */
export function editionsOf(options: ResolvedOptions): Edition[] {
  // A credit line with a language is for that edition's pages only (options.ts, `credits`).
  const credits = (language: string) => options.credits.filter((credit) => (credit.lang ?? language) === language);
  const home: Edition = { language: options.language, prefix: "", options: { ...options, credits: credits(options.language) } };
  return [
    home,
    ...options.editions.map((language) => {
      const prefix = `/${language}`;
      const pages = Object.fromEntries(
        Object.entries(options.pages).map(([name, path]) => [name, path === false ? false : `${prefix}${path}`]),
      ) as Required<NewsroomPages>;
      return {
        language,
        prefix,
        options: {
          ...options,
          language,
          pages,
          credits: credits(language),
          strings: options.stringsByLanguage[language] ?? uiStrings(language),
        },
      };
    }),
  ];
}

/** The edition an address belongs to: `/kk/2025/…` is the Kazakh one, anything else the site's own. */
export function editionOfUrl(editions: readonly Edition[], url: string | undefined): Edition {
  if (url && editions.length > 1) {
    for (const edition of editions) if (edition.prefix && url.startsWith(`${edition.prefix}/`)) return edition;
  }
  return editions[0] as Edition;
}

/** The edition of an article's `lang`: the site's own when it names none or names the site's language. */
export function editionOfLanguage(editions: readonly Edition[], lang: string | undefined): Edition | undefined {
  if (lang === undefined) return editions[0];
  return editions.find((edition) => edition.language === lang.toLowerCase());
}

/** What a reader calls each language, in that language: the switcher between a story's editions. */
const languageNames: Record<string, string> = { ru: "Русский", kk: "Қазақша", en: "English" };

export function languageName(language: string): string {
  const name = languageNames[language] ?? new Intl.DisplayNames([language], { type: "language" }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/**
 * What the layouts read as `vestnik` on a page of `edition`, in its language: `home` is its front
 * page (`/`, `/kk/`). `editions`: all of the site's, its own language first.
 */
export function layoutData({ options: seen, prefix }: Edition, editions: readonly Edition[]) {
  return {
    title: seen.title,
    description: seen.description,
    origin: seen.origin,
    language: seen.language,
    // The site's own language: an edition's page marks the site's words in it (the footer) as such.
    siteLanguage: (editions[0] as Edition).language,
    timeZone: seen.timeZone,
    search: seen.search,
    contentSecurityPolicy: seen.contentSecurityPolicy,
    pages: seen.pages,
    strings: seen.strings,
    credits: seen.credits,
    home: `${prefix}/`,
    // The edition's language for its feeds (`feed.language`); none for the site's own.
    feedLanguage: prefix ? seen.language : undefined,
    // Every edition's front page, each named in its own language, for the header: none without editions.
    editions:
      editions.length > 1
        ? editions.map((other) => ({
            language: other.language,
            name: languageName(other.language),
            home: `${other.prefix}/`,
            current: other.prefix === prefix,
          }))
        : [],
  };
}
