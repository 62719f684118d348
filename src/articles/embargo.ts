import { buildTime, NewsroomCalendar } from "../dates.ts";
import type { EleventyConfig } from "../eleventy.ts";
import type { ResolvedOptions } from "../options.ts";

/** Beyond this many days ahead a date is more likely a mistyped year than an embargo: it is named. */
export const farFutureDays = 30;

/**
 * Articles under embargo: dated after the build's clock (`buildTime`: now, or `SOURCE_DATE_EPOCH`).
 * The front matter reader leaves them out of a production build exactly as it leaves out drafts, so
 * no page, list, feed, sitemap entry or search hit shows one until a build runs after its time;
 * `npm start` shows them, marked, as it shows drafts. Here the build's clock is read once a build,
 * and the held files are remembered for the build's closing line.
 */
export class Embargoes {
  private clock: Date | undefined;
  private readonly held = new Map<string, Date>();

  /** Reads the clock again: each build (and each rebuild of `npm start`) publishes as of its own start. */
  startBuild(): void {
    this.clock = buildTime();
  }

  /** The build's clock. */
  get now(): Date {
    this.clock ??= buildTime();
    return this.clock;
  }

  /** True when an article dated `date` is not yet to be published. */
  holds(date: Date): boolean {
    return date.getTime() > this.now.getTime();
  }

  /** Remembers that `file` is held until `until`, or, without it, that it is not held (any more). */
  note(file: string, until?: Date): void {
    if (until === undefined) this.held.delete(file);
    else this.held.set(file, until);
  }

  /**
   * «2 articles under embargo; the next goes out at 2026-12-06 15:00 (Asia/Almaty): articles/…md»,
   * or undefined when nothing is held. The earliest goes first; files break a tie, so the line is the
   * same on every run.
   */
  summary(calendar: NewsroomCalendar): string | undefined {
    let next: [string, Date] | undefined;
    for (const [file, until] of this.held) {
      if (!next || until < next[1] || (until.getTime() === next[1].getTime() && file < next[0])) next = [file, until];
    }
    if (!next) return undefined;
    const count = this.held.size === 1 ? "1 article" : `${this.held.size} articles`;
    return `${count} under embargo; the next goes out at ${calendar.minute(next[1])} (${calendar.zone}): ${next[0]}`;
  }
}

/**
 * Starts the build's clock as each build starts and, after a production build, prints what it held
 * back and when the next item goes out: the newsroom then knows a build must run after that time
 * (the GitHub Pages workflow runs every 15 minutes for this). While serving, each held article is
 * named as it is read instead.
 */
export function addEmbargoes(eleventyConfig: EleventyConfig, options: ResolvedOptions): Embargoes {
  const embargoes = new Embargoes();
  const calendar = new NewsroomCalendar(options.language, options.timeZone);
  eleventyConfig.on("eleventy.before", () => embargoes.startBuild());
  eleventyConfig.on("eleventy.after", ({ runMode }) => {
    if (runMode !== "build") return;
    const summary = embargoes.summary(calendar);
    // Straight to stdout: Eleventy's --quiet must not hide when the next item goes out.
    if (summary) console.log(`[vestnik] ${summary}`);
  });
  return embargoes;
}
