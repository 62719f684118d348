import { DateTime, IANAZone } from "luxon";
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
  /** The zone's rules, for `#offset`; undefined for a fixed offset such as `UTC`, which luxon writes as «Z». */
  readonly #rules: IANAZone | undefined;
  /** The zone's offset in minutes by UTC day since 1970, undefined for a day it changes on (`#offset`). */
  readonly #offsets = new Map<number, number | undefined>();

  constructor(
    readonly locale: string,
    readonly zone: string,
  ) {
    this.#kazakh = locale.toLowerCase().split("-")[0] === "kk";
    this.#rules = IANAZone.isValidZone(zone) && !/^(utc|gmt|etc\/)/i.test(zone) ? IANAZone.create(zone) : undefined;
  }

  /**
   * The zone's offset at a moment, in whole minutes, or undefined when only luxon can say (a fixed
   * zone, a local mean time of seconds). Luxon asks Intl for every moment: 20 µs a date, a second
   * of the 62,000 dates of a 50,000-article sitemap. A zone changes its offset at most once a day
   * (twice a year, mostly), so the offset at both ends of a UTC day holds for all of it; a day it
   * changes on is asked by the moment.
   */
  #offset(time: number): number | undefined {
    if (this.#rules === undefined) return undefined;
    const day = Math.floor(time / dayLength);
    if (this.#offsets.has(day)) return this.#offsets.get(day) ?? this.#exactOffset(time);
    const start = this.#rules.offset(day * dayLength);
    const same = start === this.#rules.offset((day + 1) * dayLength - 1) && Number.isInteger(start) ? start : undefined;
    this.#offsets.set(day, same);
    return same ?? this.#exactOffset(time);
  }

  /**
   * The moment moved by the zone's offset, whose UTC fields are then the local time's
   * (2025-11-15T14:30:00.000Z for 14:30 in Almaty), with that offset; undefined when only luxon can say.
   */
  #shifted(date: Date): { local: Date; offset: number } | undefined {
    const time = date.getTime();
    const offset = this.#offset(time);
    return offset === undefined ? undefined : { local: new Date(time + offset * 60_000), offset };
  }

  #exactOffset(time: number): number | undefined {
    const offset = this.#rules?.offset(time);
    return offset !== undefined && Number.isInteger(offset) ? offset : undefined;
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

  /** The `datetime` attribute of `<time>`: 2025-11-15T14:30:00+05:00, as luxon's `toISO` writes it. */
  machine(date: Date): string {
    const shifted = this.#shifted(date);
    const year = shifted?.local.getUTCFullYear() ?? 0;
    if (shifted === undefined || year < 1000 || year > 9999)
      return this.at(date).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
    const { local, offset } = shifted;
    const fields = local.toISOString().slice(0, local.getUTCMilliseconds() === 0 ? 19 : 23);
    const minutes = Math.abs(offset);
    return `${fields}${offset < 0 ? "-" : "+"}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
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
    return this.#shifted(date)?.local.getUTCFullYear() ?? this.at(date).year;
  }
}

const dayLength = 86_400_000;

function two(value: number): string {
  return String(value).padStart(2, "0");
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
