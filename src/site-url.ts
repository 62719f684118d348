import path from "node:path";

/** A path of the site's own pages that needs no encoding or resolving: `/2025/11/15/slug/`, `/feed.xml`. */
const plainPath = /^\/(?!\/)[A-Za-z0-9\-_~/.]*$/;
/** A `.` or `..` segment, which a URL resolves. */
const dotSegment = /(^|\/)\.\.?(\/|$)/;

/**
 * The absolute URL of a page of the site, as Eleventy's `htmlBaseUrl` filter gives it with the
 * site's origin (`https://agency.github.io` + path prefix `/novosti/` + `/2025/` →
 * `https://agency.github.io/novosti/2025/`), or undefined for an address that is not a plain path
 * (encoding, `..`, a full URL), which the filter itself is for. That filter first tries every
 * address as a full URL and fails with an exception, 30 µs an address: 2 s of the 62,000 of a
 * 50,000-article sitemap.
 */
export function plainSiteUrl(url: unknown, origin: string, pathPrefix: string | undefined): string | undefined {
  if (typeof url !== "string" || !plainPath.test(url) || dotSegment.test(url)) return undefined;
  // Eleventy joins the prefix as a file path (PathPrefixer.joinUrlParts), keeping a trailing slash.
  return origin + path.posix.join("/", pathPrefix ?? "/", url);
}
