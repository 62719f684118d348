import { z } from "zod";

/**
 * The front matter of an article, as an editor or the importer writes it.
 * The importer produces exactly this shape; the build validates every article against it.
 */
const text = z.string({ error: "must be text" });
const nonEmpty = text.trim().min(1, { error: "must not be empty" });

export const photoSchema = z.strictObject({
  /** Image file, relative to the article or the site root; a photo may have no file (caption and credit only). */
  src: nonEmpty.optional(),
  /** Text for readers who cannot see the image. Defaults to the caption. */
  alt: text.optional(),
  /** What the photo shows, e.g. «порт Актау». */
  caption: text.optional(),
  /** Who took or owns it, without the «Фото:» prefix, e.g. `portaktau.kz`. */
  credit: text.optional(),
  /** Body paragraphs that come before the photo (0: right under the lead). Default: after the body. */
  after: z.number({ error: "must be a whole number of paragraphs" }).int().min(0).optional(),
});

export const articleSchema = z.object({
  title: nonEmpty,
  /** ISO 8601; a date without a time is that day in the site's time zone. Parsed separately (dates.ts). */
  date: z.unknown(),
  lead: text.optional(),
  tags: z.array(nonEmpty, { error: "must be a list of tags, e.g. [Логистика, Узбекистан]" }).default([]),
  author: text.optional(),
  photos: z.array(photoSchema, { error: "must be a list of photos, each with caption and credit" }).default([]),
  draft: z.boolean({ error: "must be true or false" }).default(false),
  /** The newsroom's main story: the front page leads with the newest such article of the last two days. */
  featured: z.boolean({ error: "must be true or false" }).default(false),
  /** The section the article is filed under, e.g. «Экономика»: the front page's blocks (`frontPageSections`). */
  section: nonEmpty.optional(),
  updated: z.unknown().optional(),
  /** Language of this article when it differs from the site's, e.g. `kk`. */
  lang: nonEmpty.optional(),
  /**
   * The story this article tells, shared by its editions in other languages (`lang`), e.g.
   * `tokaev-tashkent-2025`: each edition's page links the others.
   */
  story: nonEmpty.optional(),
  /** Where an imported article was first published, e.g. «Русские Викиновости». */
  source: text.optional(),
  /** The original article's address. */
  sourceUrl: z.url({ error: "must be a full URL such as https://ru.wikinews.org/wiki/…" }).optional(),
  /** The licence the original was published under, e.g. `CC BY 2.5`. */
  license: text.optional(),
  /** Set by generators of benchmark articles: the text is recombined, not a real article. */
  synthetic: z.boolean().optional(),
});

export type ArticleFrontMatter = z.infer<typeof articleSchema>;
export type Photo = z.infer<typeof photoSchema>;

/** Keys Eleventy itself understands; allowed in an article's front matter without a warning. */
export const eleventyKeys = new Set([
  "layout",
  "permalink",
  "eleventyExcludeFromCollections",
  "eleventyComputed",
  "templateEngineOverride",
  "eleventyNavigation",
]);

export const articleKeys = new Set(Object.keys(articleSchema.shape));
