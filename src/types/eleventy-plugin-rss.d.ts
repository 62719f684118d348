// @11ty/eleventy-plugin-rss 3.0.0 ships no types; Vestnik only adds its plugin (for the filters).
declare module "@11ty/eleventy-plugin-rss" {
  export const rssPlugin: unknown;
}
