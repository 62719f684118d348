/**
 * Reading a name written in Latin letters back into Cyrillic: «Vorobyov», «Tokayev», «Polonskiy».
 * Rather than spell out every Cyrillic candidate (each ambiguous letter doubles them), a site word is
 * tested against the Latin one: does some accepted romanisation of its first letters spell it?
 * Plain functions, no dependencies: this file is bundled into `/search/search.js`.
 */

/**
 * How a language's letters are written in Latin: each letter, or pair of letters written as one
 * («кс» as x, «ий» as y), with every spelling the passport standard (ICAO 9303), BGN/PCGN and
 * everyday English-language use give it. Letters are as search folds them (ё as е: see normalise.ts).
 */
export interface Romanisation {
  /** The language whose letters these are, as an edition's `lang`. */
  language: string;
  /** Cyrillic letter or pair → its Latin spellings; `""` for a letter that may be left out (ь). */
  spellings: Readonly<Record<string, readonly string[]>>;
  /**
   * Endings of a name's dictionary form that its other forms do not keep: «Zelensky» is «Зеленский»
   * where the site may have only «Зеленского».
   */
  endings: readonly string[];
}

/**
 * Russian. е stands for ё as well (folded), so it takes ё's yo/io/e; ь and ъ may be dropped or
 * written as the y/i that comes before a vowel (Vorobyov = Воробьёв); the -ий/-ый endings take
 * their passport (-ii, -yi), BGN (-iy, -yy) and newspaper (-y) forms.
 */
export const russianRomanisation: Romanisation = {
  language: "ru",
  spellings: {
    а: ["a"],
    б: ["b"],
    в: ["v", "w"],
    г: ["g", "gh", "h"],
    д: ["d"],
    е: ["e", "ye", "ie", "je", "yo", "io", "jo", "o"],
    ж: ["zh", "j", "g"],
    з: ["z", "s"],
    и: ["i", "y", "ee"],
    й: ["y", "i", "j"],
    к: ["k", "c", "ck", "q"],
    л: ["l"],
    м: ["m"],
    н: ["n"],
    о: ["o"],
    п: ["p"],
    р: ["r"],
    с: ["s", "c", "ss"],
    т: ["t", "th"],
    у: ["u", "ou", "oo", "w"],
    ф: ["f", "ph"],
    х: ["kh", "h", "x", "ch"],
    ц: ["ts", "tz", "c", "z", "tc"],
    ч: ["ch", "tch", "tsch", "c"],
    ш: ["sh", "sch"],
    щ: ["shch", "sch", "sh", "shh"],
    ъ: ["", "ie", "y"],
    ы: ["y", "i", "yi"],
    ь: ["", "y", "i"],
    э: ["e", "eh", "ae"],
    ю: ["yu", "iu", "ju", "u", "iou"],
    я: ["ya", "ia", "ja", "a"],
    кс: ["x", "ks"],
    дж: ["j", "dzh", "dj", "g"],
    ий: ["iy", "ii", "y", "i", "ij", "yi", "iyi"],
    ый: ["y", "yy", "yi", "iy"],
  },
  endings: ["ий", "ый", "ой", "ая", "яя", "ое", "ь", "й", "а", "я"],
};

/** A word in plain Latin letters, as it is matched: lower case, accents and apostrophes dropped (Gorbachëv, Vorob'yov); undefined for any other word. */
export function latinLetters(word: string): string | undefined {
  const plain = word
    .normalize("NFD")
    .replace(/[\u0300-\u036f'’ʹ]/gu, "")
    .toLowerCase();
  return /^[a-z]+$/u.test(plain) ? plain : undefined;
}

/** The table's entries by their first letter, so a match tries only those that can start there. */
const byFirstLetter = new WeakMap<Romanisation, Map<string, [string, readonly string[]][]>>();
function entriesOf(romanisation: Romanisation): Map<string, [string, readonly string[]][]> {
  let entries = byFirstLetter.get(romanisation);
  if (!entries) {
    entries = new Map();
    for (const [cyrillic, spellings] of Object.entries(romanisation.spellings)) {
      const first = cyrillic[0] ?? "";
      entries.set(first, [...(entries.get(first) ?? []), [cyrillic, spellings]]);
    }
    byFirstLetter.set(romanisation, entries);
  }
  return entries;
}

/**
 * The lengths of the starts of the Cyrillic `word` that some romanisation writes as `latin` in
 * full: «voroby» and «воробьев» give [6] («воробь»); «golunov» and «голунова» give [7]. A letter may
 * be left out («ь») only after the first.
 */
export function spelledStarts(latin: string, word: string, romanisation: Romanisation): number[] {
  return spelled(latin, word, romanisation)
    .filter(([at]) => at === latin.length)
    .map(([, letters]) => letters)
    .sort((a, b) => a - b);
}

/**
 * Every way a start of `latin` spells a start of the Cyrillic `word`: pairs of how many Latin and
 * how many Cyrillic letters. A letter may be left out («ь») only after the first.
 */
export function spelled(latin: string, word: string, romanisation: Romanisation): [number, number][] {
  const entries = entriesOf(romanisation);
  const found: [number, number][] = [];
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [at, letter] = stack.pop() as [number, number];
    const state = at * (word.length + 1) + letter;
    if (seen.has(state)) continue;
    seen.add(state);
    found.push([at, letter]);
    if (letter === word.length) continue;
    for (const [cyrillic, spellings] of entries.get(word[letter] ?? "") ?? []) {
      if (!word.startsWith(cyrillic, letter)) continue;
      for (const spelling of spellings) {
        if (spelling === "" ? letter === 0 : !latin.startsWith(spelling, at)) continue;
        stack.push([at + spelling.length, letter + cyrillic.length]);
      }
    }
  }
  return found;
}

/**
 * Every Cyrillic start of `length` letters that some romanisation writes at the start of `latin`:
 * «kh…» → «х…», «кх…»; the site's words that can match lie under these starts.
 */
export function cyrillicStarts(latin: string, romanisation: Romanisation, length = 2): string[] {
  const starts = new Set<string>();
  const extend = (at: number, start: string) => {
    if (start.length >= length) {
      starts.add(start.slice(0, length));
      return;
    }
    if (at === latin.length) return;
    for (const [cyrillic, spellings] of Object.entries(romanisation.spellings)) {
      for (const spelling of spellings) {
        if (spelling === "" ? start === "" : !latin.startsWith(spelling, at)) continue;
        extend(at + spelling.length, start + cyrillic);
      }
    }
  };
  extend(0, "");
  return [...starts].sort();
}
