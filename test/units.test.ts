import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { NewsroomCalendar, parseArticleDate } from "../src/dates.ts";
import { resolveOptions } from "../src/options.ts";
import { bodyWithPhotos, photoFigure } from "../src/photos.ts";
import { plainSiteUrl } from "../src/site-url.ts";
import { slugOf } from "../src/slug.ts";
import { shortDescription } from "../src/text.ts";

describe("plugin options", () => {
  const required = { title: "Вестник", baseUrl: "https://agency.github.io/novosti/" };

  it("fill in the newsroom defaults: Russian, Almaty time, ten articles a page", () => {
    const options = resolveOptions(required);
    expect(options).toMatchObject({ language: "ru", timeZone: "Asia/Almaty", articlesPerPage: 10, feedLength: 20, search: true });
    expect(options.searchPartSize).toBe(10_000);
    expect(options.origin).toBe("https://agency.github.io");
  });

  it("name an unknown option and list the ones that exist", () => {
    expect(() => resolveOptions({ ...required, articlesPerPag: 5 } as never)).toThrow(
      /Unknown option `articlesPerPag`; the options are: .*articlesPerPage/,
    );
  });

  it("say what to write when the title or base URL is missing or wrong", () => {
    expect(() => resolveOptions({ baseUrl: required.baseUrl } as never)).toThrow(/Missing `title` option: give a non-empty string/);
    expect(() => resolveOptions({ ...required, baseUrl: "agency.github.io" })).toThrow(/`baseUrl` must be an absolute http\(s\) URL/);
  });

  it("refuse a time zone, language or count that cannot work", () => {
    expect(() => resolveOptions({ ...required, timeZone: "Almaty" })).toThrow(
      /`timeZone` must be an IANA time zone such as "Asia\/Almaty"/,
    );
    expect(() => resolveOptions({ ...required, language: "русский" })).toThrow(/`language` must be a BCP 47 language tag/);
    expect(() => resolveOptions({ ...required, articlesPerPage: 0 })).toThrow(
      /`articlesPerPage` must be a whole number from 1 to 1000, got 0/,
    );
    expect(() => resolveOptions({ ...required, feedLength: 2.5 })).toThrow(/`feedLength` must be a whole number/);
    expect(() => resolveOptions({ ...required, searchPartSize: 0 })).toThrow(
      /`searchPartSize` must be a whole number from 1 to 1000000, got 0/,
    );
    expect(() => resolveOptions({ ...required, drafts: "yes" } as never)).toThrow(/`drafts` must be true or false/);
  });
});

describe("slugs", () => {
  it("transliterate Russian the way readers expect", () => {
    expect(slugOf("Касым-Жомарт Токаев")).toBe("kasym-zhomart-tokaev");
    expect(slugOf("Щучинск: ёлка, «подъезд» и объём")).toBe("schuchinsk-yolka-podyezd-i-obyom");
  });

  it("keep every Kazakh letter instead of dropping it", () => {
    expect(slugOf("Қазақстан")).toBe("qazaqstan");
    expect(slugOf("әғңөұүһі")).toBe("agngouuhi");
    expect(slugOf("ӘҒҢӨҰҮҺІ")).toBe("agngouuhi");
  });

  it("keep a very long headline's URL short enough to be a folder name, cut between words", () => {
    const slug = slugOf("Очень длинный заголовок ".repeat(20));
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug).toMatch(/^ochen-dlinniy-zagolovok-.*[a-z]$/);
  });

  it("give a tag made only of punctuation or emoji a non-empty slug of its own", () => {
    const punctuation = slugOf("!!!");
    const emoji = slugOf("🚀🚀");
    expect(punctuation).toMatch(/^x-[0-9a-f]{8}$/);
    expect(emoji).toMatch(/^x-[0-9a-f]{8}$/);
    expect(punctuation).not.toBe(emoji);
  });
});

describe("article dates", () => {
  it("read a day without a time as midnight in the newsroom's time zone", () => {
    const parsed = parseArticleDate("2025-11-15", "Asia/Almaty");
    expect(parsed.ok && parsed.date.toISOString()).toBe("2025-11-14T19:00:00.000Z");
    expect(parsed.ok && parsed.dateOnly).toBe(true);
  });

  it("keep an explicit offset", () => {
    const parsed = parseArticleDate("2025-11-15T10:00:00+03:00", "Asia/Almaty");
    expect(parsed.ok && parsed.date.toISOString()).toBe("2025-11-15T07:00:00.000Z");
  });

  it("refuse impossible and unparsable dates with the fix", () => {
    for (const value of ["2025-02-30", "15.11.2025", "", 20251115]) {
      const parsed = parseArticleDate(value, "Asia/Almaty");
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.problem).toMatch(/2025-11-15/);
    }
  });
});

describe("the newsroom calendar", () => {
  it("writes a moment's machine date and year as luxon does, across offset changes, in every kind of zone", () => {
    // Almaty moved from +06:00 to +05:00 on 1 March 2024; Berlin and Lord Howe (half an hour) change
    // twice a year; Kathmandu is +05:45; UTC is a fixed zone, which luxon writes as «Z».
    const zones = ["Asia/Almaty", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "UTC", "Etc/GMT-5"];
    const start = Date.UTC(2023, 11, 31, 20, 0);
    const fixed = [Date.UTC(1900, 0, 1, 12, 0, 0, 0), Date.UTC(1924, 4, 1, 17, 52, 12, 500), Date.UTC(2025, 10, 15, 9, 30, 0, 123)];
    // Through 2024 hour by hour, and every 97 seconds of an hour the zone's offset changed in.
    const momentsIn = (zone: string) => {
      const moments = [...fixed];
      for (let time = start; time < start + 366 * 86_400_000; time += 3_600_000) {
        moments.push(time);
        if (DateTime.fromMillis(time, { zone }).offset === DateTime.fromMillis(time + 3_600_000, { zone }).offset) continue;
        for (let near = time; near < time + 3_600_000; near += 97_000) moments.push(near);
      }
      return moments;
    };
    for (const zone of zones) {
      const calendar = new NewsroomCalendar("ru", zone);
      for (const time of momentsIn(zone)) {
        const luxon = DateTime.fromMillis(time, { zone });
        expect(calendar.machine(new Date(time)), `${zone} ${new Date(time).toISOString()}`).toBe(
          luxon.toISO({ suppressMilliseconds: true }),
        );
        expect(calendar.year(new Date(time)), zone).toBe(luxon.year);
      }
    }
  });
});

describe("site URLs", () => {
  it("join the origin and the path prefix to a plain path as Eleventy's htmlBaseUrl does, and leave it every other address", async () => {
    const { HtmlBasePlugin } = (await import("@11ty/eleventy")) as unknown as { HtmlBasePlugin: (config: unknown) => void };
    const filters = new Map<string, (...args: unknown[]) => string>();
    const config = {
      pathPrefix: "",
      addFilter: (name: string, filter: (...args: unknown[]) => string) => filters.set(name, filter),
      addAsyncFilter() {},
      addTransform() {},
      htmlTransformer: { addUrlTransform() {} },
    };
    HtmlBasePlugin(config);
    const htmlBaseUrl = filters.get("htmlBaseUrl");
    const paths = ["/", "/2025/11/15/forum-v-astane/", "/feed.xml", "/tags/few/ab/", "/sitemaps/2025-10-2.xml", "/tags/a_b~c/", "/page/1/"];
    const others = ["/tags/погода/", "/a/../b/", "//cdn.example.org/x", "https://example.org/a/", "/a b/", "relative/", "/a?x=1"];
    for (const pathPrefix of ["", "/novosti/", "novosti", "/a/b/"]) {
      config.pathPrefix = pathPrefix;
      for (const url of paths) {
        expect(plainSiteUrl(url, "https://agency.github.io", pathPrefix), `${pathPrefix} ${url}`).toBe(
          htmlBaseUrl?.call({ page: { url: "/" } }, url, "https://agency.github.io"),
        );
      }
      for (const url of others) expect(plainSiteUrl(url, "https://agency.github.io", pathPrefix), url).toBeUndefined();
    }
  });
});

describe("photos", () => {
  it("always show the caption and the «Фото:» credit, with or without an image file", () => {
    expect(photoFigure({ caption: "порт Актау", credit: "portaktau.kz" })).toBe(
      '<figure class="photo photo-without-image"><figcaption><span class="photo-caption">порт Актау</span> <span class="photo-credit">Фото: portaktau.kz</span></figcaption></figure>',
    );
    expect(photoFigure({ src: "/img/a.jpg", caption: "Порт <Актау>", credit: "Акорда" })).toContain(
      '<img src="/img/a.jpg" alt="Порт &#60;Актау&#62;" loading="lazy" decoding="async">',
    );
  });

  it("stand between the paragraphs where the agency placed them", () => {
    const html = bodyWithPhotos("<p>1</p>\n<p>2</p>\n<p>3</p>\n", [
      { caption: "A", after: 0 },
      { caption: "B", after: 2 },
      { caption: "C" },
    ]);
    const order = [...html.matchAll(/<p>(\d)<\/p>|photo-caption">(\w)</g)].map((match) => match[1] ?? match[2]);
    expect(order).toEqual(["A", "1", "2", "B", "3", "C"]);
  });
});

describe("an article's description meta", () => {
  it("keeps a lead of 160 characters or fewer as it is", () => {
    const lead = "Короткий лид.";
    expect(shortDescription(lead)).toBe(lead);
    expect(shortDescription("я".repeat(160))).toBe("я".repeat(160));
  });

  it("cuts a longer lead at the last whole word that fits, without a trailing comma, and marks the cut", () => {
    const lead = `${"Слово ".repeat(25)}длинное, последнее слово лида`;
    const description = shortDescription(lead);
    expect([...description].length).toBeLessThanOrEqual(160);
    expect(description).toMatch(/Слово длинное…$/);
    expect(lead.startsWith(description.slice(0, -1))).toBe(true);
    // One long word is cut inside it rather than dropped.
    expect(shortDescription("а".repeat(300))).toBe(`${"а".repeat(159)}…`);
  });
});
