import { DateTime } from "luxon";
import { kazakhDate } from "./kazakh-months.ts";

/**
 * The moment a build publishes at: `SOURCE_DATE_EPOCH` (whole seconds since 1970-01-01 UTC, the
 * reproducible-builds convention, https://reproducible-builds.org/specs/source-date-epoch/) when it
 * is set, else now. Embargoes and the syndication windows read it, so a test or a rebuild of an old
 * commit can publish as of a chosen moment. A malformed value stops the build, as the convention asks.
 */
export function buildTime(env: Record<string, string | undefined> = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return new Date();
  if (!/^\d+$/.test(epoch.trim()) || !Number.isSafeInteger(Number(epoch.trim()) * 1000)) {
    throw new Error(
      `SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, e.g. SOURCE_DATE_EPOCH=$(date +%s); got ${JSON.stringify(epoch)}. Unset it to build as of now.`,
    );
  }
  return new Date(Number(epoch.trim()) * 1000);
}

/** How an article date is written in front matter and how it was understood. */
export type ParsedDate = { ok: true; date: Date; dateOnly: boolean } | { ok: false; problem: string };

const dateOnlyPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an ISO 8601 date from front matter. A date without a time is that day's midnight in the
 * site's time zone (not UTC, as Eleventy would assume), and so is a time without an offset.
 * Impossible dates such as 2025-02-30 are refused rather than rolled over into March.
 */
export function parseArticleDate(value: unknown, zone: string): ParsedDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, problem: "is not a valid date" };
    return { ok: true, date: value, dateOnly: false };
  }
  if (typeof value !== "string" || value.trim() === "") {
    return {
      ok: false,
      problem: `must be an ISO 8601 date such as 2025-11-15 or 2025-11-15T14:30:00+05:00, got ${JSON.stringify(value) ?? "nothing"}`,
    };
  }
  const text = value.trim();
  const parsed = DateTime.fromISO(text.replace(" ", "T"), { zone, setZone: true });
  if (!parsed.isValid) {
    const why = parsed.invalidExplanation ? ` (${parsed.invalidExplanation})` : "";
    return {
      ok: false,
      problem: `"${text}" is not a valid ISO 8601 date${why}; write it as 2025-11-15 or 2025-11-15T14:30:00+05:00`,
    };
  }
  return { ok: true, date: parsed.toJSDate(), dateOnly: dateOnlyPattern.test(text) };
}

/**
 * Date formatting in the site's language and time zone: «15 ноября 2025», «15 қараша 2025 ж.»,
 * «15 November 2025»; times on the 24-hour clock («14:35») in every language, as the agency writes them.
 */
export class NewsroomCalendar {
  /** Kazakh dates are written from kazakh-months.ts: luxon's «kk» puts the year first. */
  readonly #kazakh: boolean;

  constructor(
    readonly locale: string,
    readonly zone: string,
  ) {
    this.#kazakh = locale.toLowerCase().split("-")[0] === "kk";
  }

  at(date: Date): DateTime {
    return DateTime.fromJSDate(date, { zone: this.zone }).setLocale(this.locale);
  }

  /** «15 ноября 2025», «15 қараша 2025 ж.», «15 November 2025» */
  readable(date: Date): string {
    const at = this.at(date);
    return this.#kazakh ? kazakhDate(at.day, at.month, at.year) : at.toFormat("d MMMM yyyy");
  }

  /** «15 ноября 2025, 14:30», «15 қараша 2025 ж., 14:30» */
  readableWithTime(date: Date): string {
    return `${this.readable(date)}, ${this.time(date)}`;
  }

  /** The `datetime` attribute of `<time>`: 2025-11-15T14:30:00+05:00 */
  machine(date: Date): string {
    return this.at(date).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
  }

  /** The `datetime` attribute of a `<time>` that shows a day only: 2025-11-15, in the newsroom's zone. */
  machineDay(date: Date): string {
    return this.at(date).toFormat("yyyy-MM-dd");
  }

  /** `2025/11/15`, the date part of an article URL, as the newsroom's calendar shows it. */
  urlPath(date: Date): string {
    return this.at(date).toFormat("yyyy/MM/dd");
  }

  /** «2026-12-06 15:00», how the build names an embargo's end (with the zone beside it). */
  minute(date: Date): string {
    return this.at(date).toFormat("yyyy-MM-dd HH:mm");
  }

  /** «14:35», the time of an item in the front page's latest news. */
  time(date: Date): string {
    return this.at(date).toFormat("HH:mm");
  }

  /** Whether two moments fall on the same day in the newsroom's zone. */
  sameDay(a: Date, b: Date): boolean {
    return this.at(a).hasSame(this.at(b), "day");
  }

  year(date: Date): number {
    return this.at(date).year;
  }
}

/**
 * A date formatter that formats each moment once. An article's date is shown on its page, the front
 * page, its tag pages, others' related lists and several feeds: a dozen formattings of one moment.
 */
export function remembered<T>(format: (date: Date) => T): (date: Date) => T {
  const done = new Map<number, T>();
  return (date) => {
    if (!(date instanceof Date)) return format(date);
    const time = date.getTime();
    let text = done.get(time);
    if (text === undefined) {
      text = format(date);
      done.set(time, text);
    }
    return text;
  };
}
