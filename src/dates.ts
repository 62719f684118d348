import { DateTime } from "luxon";

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

/** Date formatting in the site's language and time zone. */
export class NewsroomCalendar {
  constructor(
    readonly locale: string,
    readonly zone: string,
  ) {}

  at(date: Date): DateTime {
    return DateTime.fromJSDate(date, { zone: this.zone }).setLocale(this.locale);
  }

  /** «15 ноября 2025» */
  readable(date: Date): string {
    return this.at(date).toFormat("d MMMM yyyy");
  }

  /** «15 ноября 2025, 14:30» */
  readableWithTime(date: Date): string {
    return this.at(date).toFormat("d MMMM yyyy, HH:mm");
  }

  /** The `datetime` attribute of `<time>`: 2025-11-15T14:30:00+05:00 */
  machine(date: Date): string {
    return this.at(date).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
  }

  /** `2025/11/15`, the date part of an article URL, as the newsroom's calendar shows it. */
  urlPath(date: Date): string {
    return this.at(date).toFormat("yyyy/MM/dd");
  }

  year(date: Date): number {
    return this.at(date).year;
  }
}
