import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, assertBuilt, type Build, buildSite, exists, page } from "./support/site.ts";

const url = "/2025/11/15/port-aktau-prinyal-perviy-parom/";
let site: Build;

beforeAll(async () => {
  const photo = (background: string) =>
    sharp({ create: { width: 1800, height: 1200, channels: 3, background } })
      .jpeg()
      .toBuffer();
  site = assertBuilt(
    await buildSite({
      articles: {
        "2025/11/aktau.jpg": await photo("#2a6f97"),
        "2025/11/ferry.jpg": await photo("#c44536"),
        "2025/11/port.md": article(
          {
            title: "Порт Актау принял первый паром",
            tags: ["Логистика", "Актау"],
            photos: [
              { src: "aktau.jpg", alt: "Порт Актау с моря", caption: "порт Актау", credit: "portaktau.kz" },
              { src: "ferry.jpg", caption: "Паром у причала", credit: "Акорда", after: 1 },
            ],
          },
          "Первый абзац.\n\nВторой абзац.\n\nТретий абзац.",
        ),
      },
    }),
  );
});

describe("photos with a local file", () => {
  it("become responsive pictures: AVIF and WebP sources, srcset, sizes and dimensions", async () => {
    const doc = await page(site, url);
    const pictures = [...doc.querySelectorAll(".article-body figure picture")];
    expect(pictures).toHaveLength(2);
    for (const picture of pictures) {
      const types = [...picture.querySelectorAll("source")].map((source) => source.getAttribute("type"));
      expect(types).toEqual(["image/avif", "image/webp"]);
      for (const source of picture.querySelectorAll("source")) {
        expect(source.getAttribute("srcset")).toMatch(/ 480w, .* 960w, .* 1200w, .* 1600w$/);
        expect(source.getAttribute("sizes")).toBeTruthy();
      }
      // Width and height give the browser the 3:2 shape before the file arrives: no layout shift.
      const img = picture.querySelector("img");
      expect(Number(img?.getAttribute("width")) / Number(img?.getAttribute("height"))).toBeCloseTo(1.5, 2);
      for (const candidate of [
        img?.getAttribute("src") ?? "",
        ...(picture.querySelector("source")?.getAttribute("srcset") ?? "").split(", "),
      ]) {
        expect(exists(site, candidate.split(" ")[0]?.slice(1) ?? "")).toBe(true);
      }
    }
  });

  it("load the first photo at once and the ones below the fold lazily, each with its caption and credit", async () => {
    const doc = await page(site, url);
    const images = [...doc.querySelectorAll(".article-body figure img")];
    expect(images.map((img) => img.getAttribute("loading"))).toEqual(["eager", "lazy"]);
    expect(images[0]?.getAttribute("alt")).toBe("Порт Актау с моря");
    expect(
      [...doc.querySelectorAll(".article-body figcaption")].map((caption) => caption.textContent?.replace(/\s+/g, " ").trim()),
    ).toEqual(["порт Актау Фото: portaktau.kz", "Паром у причала Фото: Акорда"]);
  });
});

describe("sharing", () => {
  it("gives the article Open Graph and Twitter card tags with absolute URLs, the first photo as the image", async () => {
    const doc = await page(site, url);
    const meta = (property: string) => doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`)?.getAttribute("content");
    expect(meta("og:type")).toBe("article");
    expect(meta("og:title")).toBe("Порт Актау принял первый паром");
    expect(meta("og:url")).toBe(`https://vestnik.example.org${url}`);
    expect(meta("og:image")).toMatch(/^https:\/\/vestnik\.example\.org\/img\/.+-1200\.jpeg$/);
    expect(meta("og:image:width")).toBe("1200");
    expect(meta("twitter:card")).toBe("summary_large_image");
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`https://vestnik.example.org${url}`);
    expect(exists(site, new URL(meta("og:image") ?? "").pathname.slice(1))).toBe(true);
  });

  it("describes the article as a schema.org NewsArticle with every field Google requires", async () => {
    const doc = await page(site, url);
    const json = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");
    expect(json).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Порт Актау принял первый паром",
      author: [{ "@type": "Person", name: "Редакция" }],
      publisher: { name: "Вестник", logo: { url: "https://vestnik.example.org/assets/logo.png" } },
    });
    expect(new Date(json.datePublished).toISOString()).toBe("2025-11-14T19:00:00.000Z");
    expect(json.dateModified).toBeTruthy();
    expect(json.image[0].url).toMatch(/^https:\/\/vestnik\.example\.org\/img\/.+\.jpeg$/);
    expect(exists(site, "assets/logo.png")).toBe(true);
  });

  it("keeps JSON-LD data a headline cannot break out of", async () => {
    const { newsArticleJsonLd } = await import("../src/sharing.ts");
    const json = newsArticleJsonLd({
      article: {
        title: "</script><script>alert(1)</script>",
        headline: "</script><script>alert(1)</script>",
        date: new Date(0),
        dateOnly: true,
        tags: [],
        photos: [],
        draft: false,
        file: "a.md",
      },
      publisher: { name: "В", logo: "https://a.kz/logo.png" },
    });
    expect(json).not.toContain("</script");
    expect(JSON.parse(json).headline).toBe("</script><script>alert(1)</script>");
  });
});

describe("an article without a photo", () => {
  it("shares the newsroom's own default image, made into a 1200 px card like an article's photo", async () => {
    const card = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#123456" } })
      .jpeg()
      .toBuffer();
    const build = assertBuilt(
      await buildSite({
        articles: { "card.jpg": card, "2025/11/plain.md": article({ title: "Новость без фото" }) },
        siteOptions: { defaultImage: "articles/card.jpg" },
      }),
    );
    const doc = await page(build, "/2025/11/15/novost-bez-foto/");
    const og = doc.querySelector('meta[property="og:image"]')?.getAttribute("content") ?? "";
    expect(og).toMatch(/^https:\/\/vestnik\.example\.org\/img\/.+-1200\.jpeg$/);
    expect(exists(build, new URL(og).pathname.slice(1))).toBe(true);
    const json = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");
    expect(json.image[0]).toMatchObject({ url: og, width: 1200, height: 675 });
  });

  it("shares nothing when the newsroom says `defaultImage: false`, and a missing file is named with the fix", async () => {
    const { DefaultImage } = await import("../src/default-image.ts");
    const { NewsroomImages } = await import("../src/images.ts");
    const images = new NewsroomImages(
      () => ".",
      () => "_site",
    );
    expect(new DefaultImage(false, images, () => ".").card()).toBeUndefined();
    expect(new DefaultImage("https://agency.kz/card.jpg", images, () => ".").card()).toEqual({
      url: "https://agency.kz/card.jpg",
      fallback: true,
    });
    expect(() => new DefaultImage("images/none.jpg", images, () => ".").check()).toThrow(
      /`defaultImage` names "images\/none\.jpg".*https:\/\/ URL, or false/,
    );
  });
});

describe("reading comfort", () => {
  it("shows the reading time and where the article sits", async () => {
    const doc = await page(site, url);
    expect(doc.querySelector(".reading-time")?.textContent).toBe("1 мин чтения");
    const crumbs = [...doc.querySelectorAll(".breadcrumbs a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(crumbs).toEqual([
      ["Главная", "/"],
      ["Логистика", "/tags/logistika/"],
    ]);
    expect(path.basename(site.output)).toBe("_site");
  });
});
