import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import typografModule from "typograf";

// Typograf's types describe an ES module but sit in a CommonJS package, so TypeScript finds the
// class under `.default`, while Node's ESM import hands over the class itself.
const Typograf = typografModule as unknown as typeof typografModule.default;
type Typograf = InstanceType<typeof Typograf>;

/** Which typography rules run; names are Typograf's, e.g. `common/nbsp/afterShortWord`. */
export interface TypographyRules {
  /** Rules to switch on besides Typograf's defaults, e.g. `ru/optalign/*`. */
  enableRules?: string[];
  /** Default rules to switch off, e.g. `ru/nbsp/*` to leave spaces as written. */
  disableRules?: string[];
}

// Typograf's rule sets by site language; Kazakh text follows the Russian conventions of quotes and dashes.
const typografLocales: Record<string, string[]> = { ru: ["ru", "en-US"], kk: ["ru", "en-US"], en: ["en-US"] };

/**
 * Typeset texts of earlier builds, in one file of the cache folder (`typography.jsonl`, a
 * `[key, text]` JSON array a line), keyed by a hash of the rules and the text. One file, not one
 * per text: at 50,000 articles a file each cost more to open than Typograf to run. A cache is
 * disposable: a line that does not parse is skipped, and the file is replaced whole.
 */
export class TypesetCache {
  readonly file: string;
  #entries: Map<string, string> | undefined;
  readonly #used = new Set<string>();
  #added = 0;
  /** Texts taken from the cache and texts typeset anew since the cache was made. */
  hits = 0;
  misses = 0;

  constructor(cacheDir: string) {
    this.file = path.join(cacheDir, "typography.jsonl");
  }

  #load(): Map<string, string> {
    if (this.#entries) return this.#entries;
    const entries = new Map<string, string>();
    let data: Buffer | undefined;
    try {
      data = readFileSync(this.file);
    } catch {
      // No cache yet.
    }
    // Line by line from the bytes: a whole archive's cache would not fit in one string.
    for (let start = 0; data && start < data.length; ) {
      let end = data.indexOf(10, start);
      if (end === -1) end = data.length;
      try {
        const [key, text] = JSON.parse(data.toString("utf8", start, end)) as unknown[];
        if (typeof key === "string" && typeof text === "string") entries.set(key, text);
      } catch {
        // A line cut short by a build that was stopped while writing: typeset that text again.
      }
      start = end + 1;
    }
    this.#entries = entries;
    return entries;
  }

  /** The typeset text under `key`, made by `typeset` when no earlier build kept it. */
  get(key: string, typeset: () => string): string {
    const entries = this.#load();
    this.#used.add(key);
    let text = entries.get(key);
    if (text === undefined) {
      text = typeset();
      entries.set(key, text);
      this.#added++;
      this.misses++;
    } else {
      this.hits++;
    }
    return text;
  }

  /**
   * Writes the texts this build used (a deleted article's drop out), when anything changed. Only
   * after a full build: a rebuild of `npm start` uses a few texts and would forget the rest.
   */
  save(): void {
    const entries = this.#entries;
    const used = this.#used;
    if (!entries || (this.#added === 0 && used.size === entries.size)) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const out = openSync(temporary, "w");
    try {
      let chunk: string[] = [];
      const flush = () => {
        writeSync(out, chunk.join(""));
        chunk = [];
      };
      for (const key of used) {
        const text = entries.get(key);
        if (text === undefined) continue;
        chunk.push(`${JSON.stringify([key, text])}\n`);
        if (chunk.length >= 1000) flush();
      }
      flush();
    } finally {
      closeSync(out);
    }
    renameSync(temporary, this.file);
    for (const key of [...entries.keys()]) if (!used.has(key)) entries.delete(key);
    this.#added = 0;
    used.clear();
  }
}

/**
 * Typography at build time, with Typograf, in the article's language (Russian rules for Russian and
 * Kazakh, English for English; see `forLanguage`): «ёлочки», non-breaking spaces after short words
 * and before dashes, em dashes, number ranges. Typograf leaves HTML tags, attributes, `<code>` and
 * `<pre>` alone, and running it twice changes nothing. It costs about 1.5 ms per article, which an
 * archive of 50,000 pays on every build, so results are kept in the cache folder between builds
 * (CI and GitHub Pages can restore it): see TypesetCache.
 */
export class Typography {
  private readonly typograf: Typograf | undefined;
  readonly cache: TypesetCache | undefined;
  private readonly rulesKey: string;

  constructor(
    private readonly language: string,
    private readonly rules: TypographyRules | false,
    cache?: string | TypesetCache,
  ) {
    const locale = typografLocales[language.split("-")[0] ?? ""];
    this.typograf =
      rules === false || locale === undefined
        ? undefined
        : new Typograf({ locale, enableRule: rules.enableRules, disableRule: rules.disableRules, htmlEntity: { type: "default" } });
    this.rulesKey = JSON.stringify([Typograf.version, locale, rules]);
    this.cache = typeof cache === "string" ? new TypesetCache(cache) : cache;
  }

  private readonly others = new Map<string, Typography>();

  /**
   * The typography for an article in another language (`lang` in its front matter): English text
   * gets English rules, not Russian non-breaking spaces. Same rules and cache otherwise.
   */
  forLanguage(language: string | undefined): Typography {
    if (language === undefined || language === this.language) return this;
    let other = this.others.get(language);
    if (!other) {
      other = new Typography(language, this.rules, this.cache);
      this.others.set(language, other);
    }
    return other;
  }

  /** A headline, lead or caption (plain text; templates escape it). */
  text(text: string): string {
    return this.typeset(text);
  }

  /** An article body, as HTML. */
  html(html: string): string {
    return this.typeset(html);
  }

  private typeset(text: string): string {
    const typograf = this.typograf;
    if (!typograf) return text;
    if (!this.cache) return typograf.execute(text);
    const key = createHash("sha1").update(this.rulesKey).update("\n").update(text).digest("base64url");
    return this.cache.get(key, () => typograf.execute(text));
  }
}
