import { readFileSync } from "node:fs";
import vestnik, { type VestnikOptions } from "./src/index.ts";

// The demo newsroom: the Vestnik plugin with this site's options. Everything else lives in src/.
const site: VestnikOptions = {
  title: "Вестник",
  description: "Новости Казахстана и мира",
  baseUrl: process.env.SITE_URL ?? "https://vestnik.example.org/",
  frontPageSections: ["Казахстан", "Узбекистан", "США"],
  // The agency's Kazakh and English services: articles with `lang: kk` or `lang: en` under /kk/ and /en/.
  editions: ["kk", "en"],
  // Published by GitHub Actions (pages.yml), the demo has its editor's desk at /admin/ for its own repository.
  cms: process.env.GITHUB_REPOSITORY ? { repo: process.env.GITHUB_REPOSITORY } : false,
  // The sources this demo republishes, credited in the footer; the file is the site's own data.
  credits: JSON.parse(readFileSync("_data/credits.json", "utf8")),
};

export default function (eleventyConfig: Parameters<typeof vestnik>[0]) {
  eleventyConfig.addPlugin(vestnik, site);
}

export const config = {
  dir: { input: ".", includes: "_includes", data: "_data", output: "_site" },
  templateFormats: ["md", "njk", "html"],
  // A GitHub Pages project site lives under /<repo>/: PATH_PREFIX=/novosti/ gives the same site as
  // Eleventy's own --pathprefix=/novosti/, and the flag wins when both are given.
  pathPrefix: process.env.PATH_PREFIX || "/",
};
