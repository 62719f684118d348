/**
 * The stem Pagefind 1.6 files a Russian word under: Snowball's Russian stemmer (Pagefind's Rust
 * one is Snowball's too) after Pagefind's own folding, lower case with ё as е and й as и. Two
 * spellings with one stem («элитным», «элитных»: «элитн») find the same pages in a quoted search,
 * so search.js searches them once: a word's forms were a Pagefind search each, in every part of
 * the index. Orama's port of Snowball, rather than our own: on the 40,650 Russian words of the
 * Wikinews site it gives the stem Pagefind's index has for 99.9% of them (the others are split
 * differently, at accents and apostrophes).
 */
/*! Russian stemmer: @orama/stemmers (Apache-2.0, https://github.com/oramasearch/orama), from Snowball (BSD-3-Clause, https://snowballstem.org) */
import { stemmer } from "@orama/stemmers/russian";

/** A spelling's Pagefind stem; a spelling of other letters (a hyphen, Latin) is its own. */
export function pagefindStem(spelling: string): string {
  const folded = spelling.toLowerCase().replaceAll("ё", "е").replaceAll("й", "и");
  return /^[а-я]+$/u.test(folded) ? stemmer(folded) : spelling;
}
