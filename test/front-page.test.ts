import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, assertBuilt, type Build, buildSite, exists, page } from "./support/site.ts";

// Typography puts non-breaking spaces after short words: compare texts with all spaces alike.
const text = (element: Element | null | undefined) => (element?.textContent ?? "").replace(/[\s\u00a0]+/g, " ").trim();

let site: Build;
beforeAll(async () => {
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#2a6f97" } })
    .jpeg()
    .toBuffer();
  site = assertBuilt(
    await buildSite({
      articles: {
        "2025/11/port.jpg": photo,
        // Marked as the main story three days before the newest item: too old to lead.
        "2025/11/old-main.md": article({ title: "Старая главная новость", date: "2025-11-12T09:00:00+05:00", featured: true }),
        "2025/11/main.md": article({
          title: "Порт Актау принял первый паром",
          date: "2025-11-14T18:10:00+05:00",
          lead: "Паром пришёл из Баку.",
          featured: true,
          tags: ["Логистика", "Актау"],
          photos: [{ src: "port.jpg", alt: "Паром у причала", caption: "Паром у причала", credit: "portaktau.kz" }],
        }),
        "2025/11/budget.md": article({
          title: "Бюджет принят",
          date: "2025-11-15T09:05:00+05:00",
          section: "Экономика",
          tags: ["Мажилис"],
        }),
        "2025/11/tenge.md": article({ title: "Курс тенге укрепился", date: "2025-11-15T14:35:00+05:00", tags: ["Экономика"] }),
        "2025/11/match.md": article({ title: "Сборная выиграла матч", date: "2025-11-15T21:40:00+05:00", section: "Спорт", tags: [] }),
        "2025/11/day-only.md": article({ title: "Новость без времени", date: "2025-11-13", tags: ["Логистика"] }),
      },
      siteOptions: { frontPageSections: ["Экономика", "Спорт", "Культура"] },
    }),
  );
});

describe("the agency's front page", () => {
  it("leads with the newest story the newsroom marked featured in the last two days, with its photo and lead", async () => {
    const doc = await page(site, "/");
    const main = doc.querySelector(".main-story");
    expect(text(main?.querySelector("h2"))).toBe("Порт Актау принял первый паром");
    expect(main?.querySelector("h2 a")?.getAttribute("href")).toBe("/2025/11/14/port-aktau-prinyal-perviy-parom/");
    expect(text(main?.querySelector(".lead"))).toBe("Паром пришёл из Баку.");
    const img = main?.querySelector("picture img");
    expect(img?.getAttribute("alt")).toBe("Паром у причала");
    expect(img?.getAttribute("loading")).toBe("eager");
    expect(exists(site, (img?.getAttribute("src") ?? "").slice(1))).toBe(true);
    expect(text(main?.querySelector("figcaption"))).toBe("Паром у причала Фото: portaktau.kz");
    expect(text(main?.querySelector(".article-meta time"))).toBe("14 ноября 2025, 18:10");
  });

  it("gives the latest news as a feed stamped with the time in the newsroom's zone, by day, newest first", async () => {
    const doc = await page(site, "/");
    const days = [...doc.querySelectorAll(".news-feed h3")].map(text);
    expect(days).toEqual(["15 ноября 2025", "14 ноября 2025", "13 ноября 2025", "12 ноября 2025"]);
    const items = [...doc.querySelectorAll(".news-feed-list li")].map(text);
    expect(items).toEqual([
      "21:40 Сборная выиграла матч",
      "14:35 Курс тенге укрепился",
      "09:05 Бюджет принят",
      "18:10 Порт Актау принял первый паром",
      // A date without a time says no time rather than a made-up midnight.
      "Новость без времени",
      "09:00 Старая главная новость",
    ]);
    expect(doc.querySelector(".news-feed-list time")?.getAttribute("datetime")).toBe("2025-11-15T21:40:00+05:00");
  });

  it("has a block for each section it names: filed under it or tagged with it, linked to the tag page; an empty one is left out", async () => {
    const doc = await page(site, "/");
    const blocks = [...doc.querySelectorAll(".section-block")].map((block) => ({
      name: text(block.querySelector("h2")),
      link: block.querySelector("h2 a")?.getAttribute("href") ?? null,
      articles: [...block.querySelectorAll("li a")].map(text),
    }));
    expect(blocks).toEqual([
      { name: "Экономика", link: "/tags/ekonomika/", articles: ["Курс тенге укрепился", "Бюджет принят"] },
      { name: "Спорт", link: null, articles: ["Сборная выиграла матч"] },
    ]);
  });

  it("falls back to the newest story with a photo, then the newest, when none is marked", async () => {
    const build = assertBuilt(
      await buildSite({
        articles: {
          "2025/11/a.md": article({ title: "Первая", date: "2025-11-14T10:00:00+05:00", featured: true }),
          "2025/11/b.md": article({ title: "Вторая", date: "2025-11-20T10:00:00+05:00" }),
        },
      }),
    );
    const doc = await page(build, "/");
    expect(text(doc.querySelector(".main-story h2"))).toBe("Вторая");
    expect(doc.querySelector(".main-story figure")).toBeNull();
    expect(doc.querySelector(".section-block")).toBeNull();
  });
});
