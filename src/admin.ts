import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import type { TagEntry } from "./articles/newsroom.ts";
import { articleSchema, photoSchema } from "./articles/schema.ts";
import type { EleventyConfig } from "./eleventy.ts";
import type { CmsRepository, ResolvedOptions } from "./options.ts";

/**
 * The editor's desk at `/admin/`: Sveltia CMS, configured from the article schema.
 *
 * Why Sveltia and not Decap: both read the same `config.yml`, but Decap's GitHub backend signs in
 * through an OAuth relay that has to run somewhere (Netlify, or a server of the agency's), while
 * Sveltia signs in to GitHub with a personal access token straight from the browser, so a site on
 * GitHub Pages needs nothing else. Sveltia also works on a local clone without any server (its
 * «local repository» mode, in Chromium-based browsers), and ships as one script in its npm package,
 * so the desk is served from the site itself rather than a CDN.
 */

/** How the CMS edits one field, in its `config.yml` terms: label, widget and the widget's options. */
interface FieldEditing {
  label: string;
  widget: string;
  [option: string]: unknown;
}

/** One field of the CMS's collection. */
export type CmsField = FieldEditing & { name: string; required?: boolean };

/**
 * How each front matter key is edited at the desk, or `null` for keys the desk leaves alone. Keyed
 * by the schema's own keys: a key added to the schema does not type-check here until it is given
 * a field or `null`, so the desk cannot drift from what the build validates. Whether a field is
 * required comes from the schema (see `fieldsOf`).
 */
type FieldsFor<Shape> = { [Key in keyof Shape]: FieldEditing | null };

const photoFields: FieldsFor<typeof photoSchema.shape> = {
  src: { label: "Файл", widget: "image", hint: "JPEG, PNG или WebP; хранится рядом со статьёй" },
  caption: { label: "Подпись", widget: "string", hint: "Что на снимке, например «порт Актау»" },
  credit: { label: "Автор снимка", widget: "string", hint: "Без «Фото:», например portaktau.kz" },
  alt: { label: "Описание для незрячих", widget: "string", hint: "По умолчанию — подпись" },
  after: {
    label: "После абзаца",
    widget: "number",
    value_type: "int",
    min: 0,
    hint: "Сколько абзацев текста стоят перед снимком; пусто — первый снимок под лидом, остальные после текста",
  },
};

/** The article's fields, in the order an editor fills them in. `tags` is filled in per site (`tagsField`). */
function articleFields(tags: readonly string[], sections: readonly string[]): FieldsFor<typeof articleSchema.shape> {
  return {
    title: { label: "Заголовок", widget: "string" },
    lead: { label: "Лид", widget: "text", hint: "Одно-два предложения: главное в новости" },
    date: {
      label: "Дата и время",
      widget: "datetime",
      default: "{{now}}",
      hint: "Статья с будущей датой ждёт своего часа (эмбарго)",
    },
    author: { label: "Автор", widget: "string" },
    tags: tagsField(tags),
    photos: {
      label: "Фото",
      label_singular: "фото",
      widget: "list",
      summary: "{{fields.caption}}",
      thumbnail: "src",
      fields: fieldsOf(photoSchema.shape, photoFields),
    },
    draft: { label: "Черновик", widget: "boolean", default: false, hint: "Черновик не публикуется" },
    featured: { label: "Главная новость", widget: "boolean", default: false, hint: "Главная страница открывается этой новостью с фото" },
    section: sectionField(sections),
    updated: { label: "Обновлено", widget: "datetime", hint: "Когда статью исправили; пусто — не исправлялась" },
    // Not yet: an article in another language waits for editions (issue 21).
    lang: null,
    story: {
      label: "Сюжет",
      widget: "string",
      hint: "Общий ключ для переводов одной новости на другие языки сайта, например forum-astana-2025",
    },
    // Written by the importer for articles of other publications, not by editors.
    source: null,
    sourceUrl: null,
    license: null,
    // Benchmark articles only.
    synthetic: null,
  };
}

/** The sections the front page has blocks for (`frontPageSections`), or free text when it names none. */
function sectionField(sections: readonly string[]): FieldEditing {
  if (sections.length === 0) return { label: "Рубрика", widget: "string" };
  return { label: "Рубрика", widget: "select", options: [...sections], hint: "Блок главной страницы, в котором видна новость" };
}

/**
 * Tags are picked from the site's existing tags (as of the build that wrote the desk), so that
 * «Узбекистан» is never filed as «Узбекистан » or «узбекистан». A site without tags yet gets a free
 * list. Sveltia offers no pick-list that also takes new values: a new tag is written once in a
 * Markdown file (or by the importer), and the next build offers it.
 */
function tagsField(tags: readonly string[]): FieldEditing {
  if (tags.length === 0) return { label: "Теги", widget: "list", hint: "По одному тегу в строке" };
  return {
    label: "Теги",
    widget: "select",
    multiple: true,
    options: [...tags],
    hint: "Из тегов сайта; новый тег появится здесь после публикации статьи с ним",
  };
}

/** A zod field the front matter may leave out: optional, or with a default. */
function isOptional(field: unknown): boolean {
  const type = (field as { def?: { type?: string } }).def?.type;
  return type === "optional" || type === "default";
}

/** The CMS fields of a schema's shape, in the order of `fields`, each required as the schema says. */
function fieldsOf<Shape extends Record<string, unknown>>(shape: Shape, fields: FieldsFor<Shape>): CmsField[] {
  const out: CmsField[] = [];
  for (const [name, field] of Object.entries(fields) as [keyof Shape & string, FieldsFor<Shape>[keyof Shape]][]) {
    if (field !== null) out.push({ name, ...(field as FieldEditing), required: !isOptional(shape[name]) });
  }
  return out;
}

/**
 * The desk's `config.yml` as an object: one collection of articles at `articlesDir/YYYY/MM/slug.md`,
 * photos saved beside the article, fields from the schema, tags offered from `tags`.
 */
export function cmsConfig(options: ResolvedOptions, cms: CmsRepository, tags: readonly string[]): Record<string, unknown> {
  return {
    // A token only: GitHub's OAuth sign-in would need a relay server (Netlify's, or one of ours).
    backend: { name: "github", repo: cms.repo, branch: cms.branch ?? "main", auth_methods: ["token"] },
    app_title: `${options.title}: редакция`,
    site_url: options.baseUrl,
    // Slugs in Latin letters, as the site's own URLs: «Новость дня» → novost-dnya.
    slug: { encoding: "ascii", clean_accents: true, timezone: "local" },
    // Required at the top level; every article's photos go beside it (the collection's own folder below).
    media_folder: options.articlesDir,
    // An optional field left empty is left out, not written as `after: null` or `updated: ''`,
    // which the schema would refuse.
    output: { omit_empty_optional_fields: true },
    collections: [
      {
        name: "articles",
        label: "Статьи",
        label_singular: "статья",
        folder: options.articlesDir,
        path: "{{year}}/{{month}}/{{slug}}",
        extension: "md",
        format: "frontmatter",
        create: true,
        // Beside the article: Sveltia keeps an entry's photos in a folder named after it
        // (`2026/12/novost-dnya/snimok.jpg` beside `2026/12/novost-dnya.md`), and the build reads
        // `src` relative to the article, so `src` names that folder too: `novost-dnya/snimok.jpg`.
        media_folder: "",
        public_folder: "{{slug}}",
        identifier_field: "title",
        summary: "{{title}}",
        sortable_fields: ["date", "title"],
        fields: [
          ...fieldsOf(articleSchema.shape, articleFields(tags, options.frontPageSections)),
          { name: "body", label: "Текст", widget: "markdown" },
        ],
      },
    ],
  };
}

/**
 * The desk's own Content-Security-Policy, stricter than readers' pages where it can be: no frames,
 * objects or forms; scripts only from the site. It needs what readers' pages do not: inline
 * styles (Svelte adds its component styles as `<style>` elements), GitHub's API and its status page
 * for signing in and committing, avatars from GitHub, and `blob:` for photos being uploaded.
 */
export const adminContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data: https://avatars.githubusercontent.com",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com",
  "manifest-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

// The package exports only its bundler entry (npm/index.js); its one-file build sits beside it.
const sveltiaEntry = import.meta.resolve("@sveltia/cms");
const sveltiaScript = fileURLToPath(new URL("../dist/sveltia-cms.js", sveltiaEntry));
const sveltiaAssets = fileURLToPath(new URL("./assets/", sveltiaEntry));

/**
 * The CMS's one-file build loads its three fonts from a CDN, which the desk's policy refuses; its
 * npm build ships them. Served from the desk and declared again in `fonts.css`, they are used
 * instead (a face whose source fails to load is skipped for the next one of the same family).
 * Without the icon font, every button would show its icon's name, e.g. «arrow_back».
 */
const deskFonts = [
  { family: "Source Sans 3", weight: "200 900", display: "swap", prefix: "source-sans-3-latin-wght-normal" },
  { family: "Noto Mono", weight: "400", display: "swap", prefix: "noto-mono-latin-400-normal" },
  { family: "Material Symbols Outlined", weight: "400", display: "block", prefix: "material-symbols-outlined-latin-wght-normal" },
].map((font) => {
  const file = readdirSync(sveltiaAssets).find((name) => name.startsWith(font.prefix) && name.endsWith(".woff2"));
  if (!file)
    throw new Error(`Vestnik: @sveltia/cms no longer ships ${font.prefix}*.woff2 in npm/assets; update the desk's fonts in src/admin.ts`);
  return { ...font, source: path.join(sveltiaAssets, file), url: `${font.prefix}.woff2` };
});

const deskFontsCss = deskFonts
  .map(
    (font) =>
      `@font-face { font-family: "${font.family}"; font-style: normal; font-display: ${font.display}; font-weight: ${font.weight}; src: url(fonts/${font.url}) format("woff2"); }\n`,
  )
  .join("");

/** The desk's page: the CMS's script from the site, never indexed, with its own policy. */
export function adminPage(options: ResolvedOptions): string {
  const policy =
    options.contentSecurityPolicy === false ? "" : `\n<meta http-equiv="Content-Security-Policy" content="${adminContentSecurityPolicy}">`;
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">${policy}
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Редакция</title>
<link rel="stylesheet" href="fonts.css">
</head>
<body>
<script src="sveltia-cms.js"></script>
</body>
</html>
`;
}

/** Leaves the desk's files out of `collections.all`, so no list or sitemap shows them. */
const generated = { eleventyExcludeFromCollections: true };

/**
 * Adds the desk at `/admin/` when the site names its repository (`cms` option): the page, the
 * CMS's script copied from its npm package, and `config.yml` written from the schema and the
 * tags of this build.
 */
export function addEditorsDesk(eleventyConfig: EleventyConfig, options: ResolvedOptions): void {
  const cms = options.cms;
  if (cms === false) return;
  eleventyConfig.addPassthroughCopy({
    [path.relative(process.cwd(), sveltiaScript)]: "admin/sveltia-cms.js",
    ...Object.fromEntries(deskFonts.map((font) => [path.relative(process.cwd(), font.source), `admin/fonts/${font.url}`])),
  });
  eleventyConfig.addTemplate("vestnik/admin-fonts.njk", deskFontsCss, { ...generated, permalink: "/admin/fonts.css" });
  eleventyConfig.addFilter("vestnikCmsConfig", (tags: TagEntry[] = []) =>
    yaml.dump(
      cmsConfig(
        options,
        cms,
        tags.map((tag) => tag.name),
      ),
      { lineWidth: -1, noRefs: true },
    ),
  );
  eleventyConfig.addTemplate("vestnik/admin.njk", adminPage(options), { ...generated, permalink: "/admin/index.html" });
  eleventyConfig.addTemplate("vestnik/admin-config.njk", "{{ collections.vestnikTags | vestnikCmsConfig | safe }}", {
    ...generated,
    permalink: "/admin/config.yml",
  });
}
