import type { ArticleItem, Newsroom } from "./articles/newsroom.ts";
import type { NewsroomCalendar } from "./dates.ts";

/** How long a story marked `featured` may lead the front page, counted back from the newest article. */
const featuredHours = 48;
/** Articles in each section's block. */
const sectionSize = 4;

/** One day of the latest-news feed: «6 декабря 2026» and its items, newest first. */
export interface NewsDay {
  date: Date;
  items: ArticleItem[];
}

/** A block of the front page: a section's or tag's newest articles. */
export interface SectionBlock {
  name: string;
  /** The tag page of the same name, when there is one: the block's heading links there. */
  url?: string;
  articles: ArticleItem[];
}

/** What an agency's front page shows above its older pages: the main story, the latest news by time, the sections. */
export interface FrontPage {
  main?: ArticleItem;
  days: NewsDay[];
  sections: SectionBlock[];
}

/**
 * The main story is the newest article the newsroom marked `featured` in the last two days; with
 * none, the newest article that has a photo file among the latest; else simply the newest. The
 * latest news keeps it too: the feed is the agency's record of what went out when.
 */
export function frontPageOf(newsroom: Newsroom, latest: ArticleItem[], sections: readonly string[], calendar: NewsroomCalendar): FrontPage {
  const newest = newsroom.articles[0];
  const since = (newest?.data.article.date.getTime() ?? 0) - featuredHours * 3600_000;
  let main: ArticleItem | undefined;
  for (const item of newsroom.articles) {
    if (item.data.article.date.getTime() < since) break;
    if (item.data.article.featured) {
      main = item;
      break;
    }
  }
  main ??= latest.find((item) => item.data.article.photos.some((photo) => photo.src !== undefined)) ?? newest;

  const days: NewsDay[] = [];
  for (const item of latest) {
    const day = days.at(-1);
    if (day && calendar.sameDay(day.date, item.data.article.date)) day.items.push(item);
    else days.push({ date: item.data.article.date, items: [item] });
  }

  return { main, days, sections: sections.map((name) => sectionBlock(newsroom, name, main)).filter((block) => block.articles.length > 0) };
}

/** A section's newest articles: filed under it (`section`) or tagged with its name, the main story left out. */
function sectionBlock(newsroom: Newsroom, name: string, main: ArticleItem | undefined): SectionBlock {
  const articles: ArticleItem[] = [];
  // Once a build, from the newest down: a few milliseconds even for a section nobody files under.
  for (const item of newsroom.articles) {
    if (articles.length === sectionSize) break;
    const article = item.data.article;
    if (item !== main && (article.section === name || article.tags.includes(name))) articles.push(item);
  }
  return { name, url: newsroom.tag(name)?.url, articles };
}
