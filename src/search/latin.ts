/**
 * Search from a Latin keyboard: a query word in Latin letters that the site does not have as typed
 * is read the two ways a reader of a Cyrillic-language site means it: typed with the keyboard left
 * in the Latin layout («ujkeyjde» → «голунову»), or a name spelt in Latin letters («Golunov» →
 * «Голунов»). Only readings the site's own words confirm are kept, so a Latin word gives a few
 * candidates, not every spelling. No network and no DOM: bundled into `/search/search.js`.
 */
import { expandWord, knownForms, type Lexicon, queryWords, type Variant } from "./expand.ts";
import { type KeyboardLayout, readAs, russianLayout } from "./keyboard.ts";
import { typoShards } from "./normalise.ts";
import { cyrillicStarts, latinLetters, type Romanisation, russianRomanisation, spelled, spelledStarts } from "./romanisation.ts";

/** How an edition reads a query from a Latin keyboard: the layout its readers' keyboards have, and how its names are spelt in Latin. */
export interface LatinReader {
  layout: KeyboardLayout;
  romanisation: Romanisation;
}

/**
 * The readers by the language they read into, as the lexicon's manifest names it (`latin`). An
 * edition whose own words are Latin (English) names none: its queries are never rewritten.
 */
export const latinReaders = {
  ru: { layout: russianLayout, romanisation: russianRomanisation },
} as const satisfies Record<string, LatinReader>;

/** A language a Latin-keyboard query can be read into (a key of `latinReaders`). */
export type LatinLanguage = keyof typeof latinReaders;

/** One way to read a word of the query: the words it must match, each with its variants; `rewritten` when it is not the word as typed. */
export interface Reading {
  words: Variant[][];
  rewritten: boolean;
}

/** A rewritten reading's variants count this much of what they count for a word typed as it is. */
const rewrittenWeight = 0.5;
/** A name shorter than this in Latin letters is not read back: too many short site words would match. */
const minimumLatin = 4;
/** At most this many letters of a site word may follow the Latin name's reading: an ending («Голунов-а»). */
const maxEnding = 3;
/** A romanised reading's Cyrillic start has at least this many letters. */
const minimumStart = 3;
/** At most this many Cyrillic readings of one Latin name are searched for, of the likeliest this many the lexicon is asked about (at once). */
const maxNames = 4;
const maxAsked = 8;

/** Whether a token of the query is in Latin letters (keys of a Latin keyboard), with no Cyrillic letter. */
export function isLatinToken(token: string): boolean {
  return /[a-z]/iu.test(token) && !/\p{Script=Cyrillic}/u.test(token);
}

function scaled(variants: Variant[], scale: number): Variant[] {
  return variants.map((variant) => ({ ...variant, weight: variant.weight * scale }));
}

/**
 * The site's forms of the Cyrillic words that `word` spells in Latin letters: «golunov» → the forms
 * of «голунов», found among the site's words that start as its reading may («го…»). Each reading
 * is a site word, or a site word less an ending that the lexicon knows as a form.
 */
export async function romanisedForms(
  word: string,
  lexicon: Lexicon,
  romanisation: Romanisation,
  preload: (word: string) => void = () => {},
): Promise<Variant[]> {
  const latin = latinLetters(word);
  if (latin === undefined || latin.length < minimumLatin) return [];
  const shards = await Promise.all(cyrillicStarts(latin, romanisation).map((start) => lexicon.words(typoShards(start)[0])));
  // A reading many site words start with is the likelier one: «голунов» for голунова, голунову.
  const readings = new Map<string, number>();
  const count = (reading: string) => readings.set(reading, (readings.get(reading) ?? 0) + 1);
  for (const words of shards) {
    for (const siteWord of words) {
      for (const [at, length] of spelled(latin, siteWord, romanisation)) {
        if (length < minimumStart) continue;
        const rest = latin.slice(at);
        // The whole name: the site word, or the site word less its ending.
        if (rest === "" && siteWord.length - length <= maxEnding) count(siteWord.slice(0, length));
        // The name's stem, and the rest of the Latin spells a dictionary-form ending the site word
        // does not have: «zelensk-y» and «зеленск-ого» give «зеленский».
        if (rest !== "" && rest.length <= maxEnding && siteWord.length - length <= maxEnding + 1)
          for (const ending of romanisation.endings)
            if (spelledStarts(rest, ending, romanisation).includes(ending.length)) count(siteWord.slice(0, length) + ending);
      }
    }
  }
  const likeliest = [...readings].sort(([a, m], [b, n]) => n - m || b.length - a.length || (a < b ? -1 : 1));
  const asked = likeliest.slice(0, maxAsked).map(([reading]) => reading);
  for (const reading of asked.slice(0, maxNames)) preload(reading);
  const known = await Promise.all(asked.map((reading) => knownForms(reading, lexicon)));
  const variants: Variant[] = [];
  let names = 0;
  for (const [index, forms] of known.entries()) {
    if (names >= maxNames) break;
    if (forms.length === 0) continue;
    names++;
    variants.push(...forms.map((variant) => ({ ...variant, reading: asked[index] })));
  }
  const best = new Map<string, Variant>();
  for (const variant of variants) if ((best.get(variant.text)?.weight ?? 0) < variant.weight) best.set(variant.text, variant);
  return [...best.values()];
}

/** Every variant list non-empty: each word of a reading must be on the site in some form. */
const complete = (words: Variant[][]) => words.length > 0 && words.every((variants) => variants.length > 0);

/**
 * The ways to read one token of a query (a run without spaces) that has Latin letters. A token the
 * site has as typed, in every word, is read only as typed: a real English word or name is not
 * rewritten. Otherwise its readings are its keys read in the edition's layout and its names read
 * back from Latin letters, or when the site has neither, the typed words or the layout reading
 * corrected for a slip; all of these are rewritten.
 * Undefined when the token says nothing in any reading («a», «-»): it does not narrow the query.
 * An empty list: it says something no reading finds on the site, so the query finds nothing.
 * `preload` is told the Cyrillic words a reading will likely search for, as soon as they are known,
 * so that their part of the search index downloads while the lexicon is read.
 */
export async function readLatinToken(
  token: string,
  lexicon: Lexicon,
  reader: LatinReader,
  preload: (word: string) => void = () => {},
): Promise<Reading[] | undefined> {
  const typedWords = queryWords(token);
  const layoutText = readAs(reader.layout, token);
  const layoutWords = layoutText === undefined ? [] : queryWords(layoutText);
  if (typedWords.length === 0 && layoutWords.length === 0) return undefined;
  for (const word of layoutWords) preload(word);
  // The readings are looked up at once, the reader waiting for one round of downloads, not two:
  // the rewritten ones are dropped when the site has the token as typed.
  const [known, layout, romanised] = await Promise.all([
    Promise.all(typedWords.map((word) => knownForms(word, lexicon))),
    Promise.all(layoutWords.map((word) => knownForms(word, lexicon))),
    Promise.all(typedWords.map((word) => romanisedForms(word, lexicon, reader.romanisation, preload))),
  ]);
  if (complete(known)) return [{ words: known, rewritten: false }];
  const readings: Reading[] = [];
  const rewritten = (words: Variant[][]) => {
    if (complete(words)) readings.push({ words: words.map((variants) => scaled(variants, rewrittenWeight)), rewritten: true });
  };
  rewritten(layout);
  rewritten(romanised);
  // Only when no reading is on the site as it is: a slip, as typed or in the layout reading. The
  // corrections' word lists are not downloaded for every Latin query.
  if (readings.length === 0) {
    const [corrected, layoutCorrected] = await Promise.all([
      Promise.all(typedWords.map((word) => expandWord(word, lexicon))),
      Promise.all(layoutWords.map((word) => expandWord(word, lexicon))),
    ]);
    rewritten(corrected);
    rewritten(layoutCorrected);
  }
  return readings;
}
