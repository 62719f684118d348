import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
 * Russian typography at build time, with Typograf: «ёлочки», non-breaking spaces after short words
 * and before dashes, em dashes, number ranges. Typograf leaves HTML tags, attributes, `<code>` and
 * `<pre>` alone, and running it twice changes nothing. It costs about 1.5 ms per article, which an
 * archive of 50,000 pays on every build, so results are kept in a cache folder between builds
 * (CI and GitHub Pages can restore it) keyed by the text and the rules.
 */
export class Typography {
  private readonly typograf: Typograf | undefined;
  private readonly cacheDir: string | undefined;
  private readonly rulesKey: string;

  constructor(
    private readonly language: string,
    private readonly rules: TypographyRules | false,
    cacheDir?: string,
  ) {
    const locale = typografLocales[language.split("-")[0] ?? ""];
    this.typograf =
      rules === false || locale === undefined
        ? undefined
        : new Typograf({ locale, enableRule: rules.enableRules, disableRule: rules.disableRules, htmlEntity: { type: "default" } });
    this.rulesKey = JSON.stringify([Typograf.version, locale, rules]);
    this.cacheDir = cacheDir;
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
      other = new Typography(language, this.rules, this.cacheDir);
      this.others.set(language, other);
    }
    return other;
  }

  /** A headline, lead or caption (plain text; templates escape it). */
  text(text: string): string {
    return this.typograf ? this.typograf.execute(text) : text;
  }

  /** An article body, as HTML. */
  html(html: string): string {
    if (!this.typograf) return html;
    if (!this.cacheDir || html.length < 2000) return this.typograf.execute(html);
    const key = createHash("sha1").update(this.rulesKey).update(html).digest("hex");
    const file = path.join(this.cacheDir, key.slice(0, 2), `${key}.html`);
    try {
      return readFileSync(file, "utf8");
    } catch {
      const result = this.typograf.execute(html);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, result);
      return result;
    }
  }
}
