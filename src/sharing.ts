import type { Article } from "./articles/front-matter.ts";

/** What the JSON-LD of an article needs besides the article: absolute URLs, made by the template. */
export interface NewsArticleContext {
  article: Article;
  /** The social image, absolute, with its size when known. */
  image?: { url: string; width?: number; height?: number };
  publisher: { name: string; logo: string };
}

/**
 * schema.org `NewsArticle` as JSON-LD, with the fields Google recommends for news: headline, image,
 * datePublished, dateModified, author, publisher with logo. What the page says otherwise is left
 * out, since every article page is in the archive for good: the lead (the description meta, half a
 * kilobyte), the address (the canonical link; Google's Article guide no longer names
 * mainEntityOfPage) and the tags (linked under the text), 220 bytes a page.
 * It is written into a `<script>` element, so `<` is escaped: a headline such as
 * «</script><script>…» stays data.
 */
export function newsArticleJsonLd({ article, image, publisher }: NewsArticleContext): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
    ...(image ? { image: [{ "@type": "ImageObject", url: image.url, width: image.width, height: image.height }] } : {}),
    datePublished: article.date.toISOString(),
    dateModified: (article.updated ?? article.date).toISOString(),
    ...(article.author
      ? { author: [{ "@type": "Person", name: article.author }] }
      : { author: [{ "@type": "Organization", name: publisher.name }] }),
    publisher: { "@type": "NewsMediaOrganization", name: publisher.name, logo: { "@type": "ImageObject", url: publisher.logo } },
    inLanguage: article.lang,
    isBasedOn: article.sourceUrl,
  };
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Reading speed for Russian news prose, words a minute. */
const wordsPerMinute = 180;

/** Minutes an article takes to read: at least one. */
export function readingMinutes(html: string): number {
  const words = html
    .replace(/<[^>]*>/g, " ")
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word)).length;
  return Math.max(1, Math.round(words / wordsPerMinute));
}
