/**
 * Kazakh month names, for dates written the Kazakh way: «15 қараша 2025 ж.». Written here because
 * neither source of month names gets it right: luxon (through Node's ICU) orders a Kazakh date
 * «2025 ж. 15 қараша», and Chromium ships no Kazakh month names at all (its Intl gives «11»), so
 * the build's dates (dates.ts) and the browser's (theme/reader-words.ts) both read them from here.
 */
export const kazakhMonths = [
  "қаңтар",
  "ақпан",
  "наурыз",
  "сәуір",
  "мамыр",
  "маусым",
  "шілде",
  "тамыз",
  "қыркүйек",
  "қазан",
  "қараша",
  "желтоқсан",
] as const;

/** «15 қараша 2025 ж.»: the day, the month's name, the year and «ж.» (жыл, year). `month` is 1–12. */
export function kazakhDate(day: number, month: number, year: number): string {
  return `${day} ${kazakhMonths[month - 1] ?? month} ${year} ж.`;
}
