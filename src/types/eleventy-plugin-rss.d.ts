// @11ty/eleventy-plugin-rss 3.0.0 ships no types. Vestnik takes its two date formats, not its
// plugin, whose unprefixed filters would land in the site's templates.
declare module "@11ty/eleventy-plugin-rss/src/dateRfc3339.js" {
  export default function dateRfc3339(value: Date): string;
}

// The RSS date format of the plugin's `dateToRfc822` filter, called directly so that each moment is
// formatted once (it builds an Intl.DateTimeFormat on every call: ~15 s over 50,000 articles' feeds).
declare module "@11ty/eleventy-plugin-rss/src/dateRfc822.js" {
  export default function pubDateRFC822(value: Date | string | number, timeZone?: string): string;
}
