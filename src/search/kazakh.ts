/**
 * Kazakh word forms, for search: which stems a Kazakh noun form may have. No dictionary and no
 * library does this for Kazakh, so it is done by rule, from the way a noun takes its endings:
 * stem + plural + possessive + case, each ending in the stem's vowel harmony (back: а о ұ ы, front:
 * ә ө ү і е) and with the consonant the stem ends in choosing its first letter (-ның after a vowel
 * or м н ң, -дың after ж з л р й у, -тың after a voiceless one). Before a vowel a final п, к, қ
 * is voiced (кітап → кітабы, мектеп → мектебі, жүрек → жүрегі), and some stems drop the high vowel
 * of their last syllable (халық → халқы, орын → орны, ауыз → аузы).
 *
 * The stems given are candidates: a form is often ambiguous without a dictionary («Алматы» is the
 * city, or «Алмат» with a possessive). The site's lexicon settles that with the words the site has
 * (kazakh-lexicon.ts). Stems are folded (normalise.ts: Kazakh letters as their Russian look-alikes),
 * so that a reader who types «Казакстаннын» finds «Қазақстанның». Bundled into `/search/search.js`.
 */
import { fold } from "./normalise.ts";

type Harmony = "back" | "front" | "either";

/** Where an ending may follow: after a vowel, a sonorant or voiced consonant, or a voiceless one. */
type After = "vowel" | "nasal" | "liquid" | "voiced" | "voiceless";

/** One ending: its letters (and folded, as a query typed with look-alikes has them), its harmony, and what the letter before it may be. */
interface Ending {
  text: string;
  folded: string;
  harmony: Harmony;
  after: readonly After[];
}

const consonant: readonly After[] = ["nasal", "liquid", "voiced", "voiceless"];

/** Both harmonies of an ending: back letters first, front second. */
function pair(back: string, front: string, after: readonly After[]): Ending[] {
  return [
    { text: back, folded: fold(back), harmony: "back", after },
    { text: front, folded: fold(front), harmony: "front", after },
  ];
}

function either(text: string, after: readonly After[]): Ending {
  return { text, folded: fold(text), harmony: "either", after };
}

// The plural and case endings begin with a consonant chosen by the letter before them;
// possessives begin with a vowel after a consonant.
const plural: Ending[] = [
  ...pair("лар", "лер", ["vowel", "liquid"]),
  ...pair("дар", "дер", ["nasal", "liquid", "voiced"]),
  ...pair("тар", "тер", ["voiceless", "voiced"]),
];

/** Possessives, and whether a case ending after them takes the third person's «н» (үйі-н-де). */
const possessives: (Ending & { third: boolean })[] = [
  ...pair("ым", "ім", consonant),
  ...pair("м", "м", ["vowel"]),
  ...pair("ың", "ің", consonant),
  ...pair("ң", "ң", ["vowel"]),
  ...pair("ыңыз", "іңіз", consonant),
  ...pair("ңыз", "ңіз", ["vowel"]),
  ...pair("ымыз", "іміз", consonant),
  ...pair("мыз", "міз", ["vowel"]),
].map((ending) => ({ ...ending, third: false }));
possessives.push(...[...pair("ы", "і", consonant), ...pair("сы", "сі", ["vowel"])].map((ending) => ({ ...ending, third: true })));

/** Case endings after a stem or a plural (not after a possessive). */
const cases: Ending[] = [
  // genitive
  ...pair("ның", "нің", ["vowel", "nasal"]),
  ...pair("дың", "дің", ["liquid", "voiced"]),
  ...pair("тың", "тің", ["voiceless", "voiced"]),
  // dative
  ...pair("ға", "ге", ["vowel", "nasal", "liquid", "voiced"]),
  ...pair("қа", "ке", ["voiceless", "voiced"]),
  // accusative
  ...pair("ны", "ні", ["vowel"]),
  ...pair("ды", "ді", ["nasal", "liquid", "voiced"]),
  ...pair("ты", "ті", ["voiceless", "voiced"]),
  // locative, and the locative's adjective («Қазақстандағы»)
  ...pair("да", "де", ["vowel", "nasal", "liquid", "voiced"]),
  ...pair("та", "те", ["voiceless", "voiced"]),
  ...pair("дағы", "дегі", ["vowel", "nasal", "liquid", "voiced"]),
  ...pair("тағы", "тегі", ["voiceless", "voiced"]),
  // ablative
  ...pair("дан", "ден", ["vowel", "liquid", "voiced"]),
  ...pair("нан", "нен", ["vowel", "nasal"]),
  ...pair("тан", "тен", ["voiceless", "voiced"]),
  // instrumental: -мен, -бен, -пен keep their е after any stem
  either("мен", ["vowel", "nasal", "liquid"]),
  either("бен", ["voiced", "liquid"]),
  either("пен", ["voiceless", "voiced"]),
];

/** Case endings after a third-person possessive: үйі-нің, үйі-не, үйі-н, үйі-нде, үйі-нен, үйі-мен. */
const casesAfterThird: Ending[] = [
  ...pair("ның", "нің", ["vowel"]),
  ...pair("на", "не", ["vowel"]),
  ...pair("н", "н", ["vowel"]),
  ...pair("нда", "нде", ["vowel"]),
  ...pair("ндағы", "ндегі", ["vowel"]),
  ...pair("нан", "нен", ["vowel"]),
  either("мен", ["vowel"]),
];

/** Case endings after a first- or second-person possessive in м or ң: кітабы-м-а, атың-а. */
const casesAfterPerson: Ending[] = [
  ...pair("а", "е", ["nasal"]),
  ...pair("ның", "нің", ["nasal"]),
  ...pair("ды", "ді", ["nasal", "voiced"]),
  ...pair("да", "де", ["nasal", "voiced"]),
  ...pair("дағы", "дегі", ["nasal", "voiced"]),
  ...pair("нан", "нен", ["nasal"]),
  ...pair("дың", "дің", ["voiced"]),
  ...pair("ға", "ге", ["voiced"]),
  ...pair("дан", "ден", ["voiced"]),
  either("мен", ["nasal"]),
  either("бен", ["voiced"]),
];

const vowels = new Set("аәеёиіоөуұүыэюя");
const backVowels = new Set("аоұыя");
const frontVowels = new Set("әеіөүэ");
/** Letters a reader may type for a Kazakh one: their harmony is unknown in a query typed so. */
const lookAlikeVowels = new Set("аоу");
const kazakhLetters = /[әғқңөұүһі]/u;

/** What a letter counts as before an ending: у and и end «су», «ми» as a consonant would (судың, мидың). */
function classesOf(letter: string): After[] {
  if (letter === "у" || letter === "и") return ["vowel", "liquid"];
  return [classOf(letter)];
}

function classOf(letter: string): After {
  if (vowels.has(letter)) return "vowel";
  if ("мнң".includes(letter)) return "nasal";
  if ("лрйу".includes(letter)) return "liquid";
  if ("бвгғджз".includes(letter)) return "voiced";
  return "voiceless";
}

/**
 * The harmony of a word's part: that of its last vowel. Russian loans end in и, у, ю, ё, which take
 * either harmony; so do а, о, у of a word with no Kazakh letter when it may have been typed with
 * Russian look-alikes (а for ә).
 */
function harmonyOf(letters: string, loose: boolean): Harmony {
  const known = [...letters].filter((letter) => vowels.has(letter) && !(loose && lookAlikeVowels.has(letter)));
  // A word of back and front vowels is a loan or a Russian name («Тоқаевқа», «Назарбаевтың»): its
  // endings follow no rule we can check.
  if (known.some((letter) => backVowels.has(letter)) && known.some((letter) => frontVowels.has(letter))) return "either";
  const last = [...letters].reverse().find((letter) => vowels.has(letter));
  if (last === undefined || (loose && lookAlikeVowels.has(last))) return "either";
  if (backVowels.has(last)) return "back";
  if (frontVowels.has(last)) return "front";
  return "either";
}

function fits(ending: Ending, before: string, loose: boolean): boolean {
  const last = before.at(-1);
  if (last === undefined || !classesOf(last).some((kind) => ending.after.includes(kind))) return false;
  if (ending.harmony === "either") return true;
  const harmony = harmonyOf(before, loose);
  return harmony === "either" || harmony === ending.harmony;
}

/** A stem must keep a vowel and two letters: «ел», «үй», «су» are words. */
function stemLike(stem: string): boolean {
  return stem.length >= 2 && [...stem].some((letter) => vowels.has(letter));
}

/** Folded letters of a stem after a vowel ending was taken off: voiced б, г back to п, к; a dropped vowel put back. */
function restored(stem: string, original: string): string[] {
  const forms = [stem];
  const last = stem.at(-1);
  if (last === "б") forms.push(`${stem.slice(0, -1)}п`);
  if (last === "г") forms.push(`${stem.slice(0, -1)}к`);
  // халқ-ы → халық, орн-ы → орын, ауз-ы → ауыз: two consonants at the end, a vowel before them.
  const [a, b, c] = [stem.at(-3), stem.at(-2), last];
  // у and й between a vowel and a consonant are consonants (ауыз, қойын).
  if (a && b && c && vowels.has(a) && (!vowels.has(b) || b === "у" || b === "й") && !vowels.has(c) && stem.length >= 3) {
    const front = harmonyOf(original.slice(0, stem.length), false) === "front";
    const high = front ? "и" : "ы";
    forms.push(`${stem.slice(0, -1)}${high}${c}`);
    if (c === "г") forms.push(`${stem.slice(0, -1)}${high}к`);
  }
  return forms;
}

/**
 * The stems a Kazakh word form may have, folded, the word itself first and then shorter stems:
 * «Қазақстанның» → «казакстаннын», «казакстан», …; «мектептерімізде» → …, «мектеп»; «кітабы» →
 * «китабы», «китаб», «китап». `loose`: the word may have been typed with Russian look-alike letters,
 * so its а, о, у say nothing of its harmony (a reader's query).
 */
export function kazakhStems(word: string, { loose = false }: { loose?: boolean } = {}): string[] {
  const lower = word.toLowerCase().normalize("NFC");
  const folded = fold(lower);
  // Harmony is read from the word's own letters when they line up with the folded ones.
  const original = lower.length === folded.length ? lower : folded;
  const free = loose && !kazakhLetters.test(original);
  // A word in Kazakh letters must have an ending's own (the н of «аман» is no possessive ң); one typed
  // with look-alikes is matched folded.
  const exact = !free && original === lower;
  const stems = new Set<string>([folded]);
  const add = (stem: string, vowelEnding: boolean) => {
    if (!stemLike(stem)) return;
    for (const form of vowelEnding ? restored(stem, original) : [stem]) if (stemLike(form)) stems.add(form);
  };
  /** Takes `endings` off the end of `folded` (at `end`), then whatever may come before them. */
  const strip = (end: number, endings: readonly Ending[], next: (end: number, ending: Ending) => void) => {
    for (const ending of endings) {
      const start = end - ending.text.length;
      if (start < 2 || (exact ? original.slice(start, end) !== ending.text : folded.slice(start, end) !== ending.folded)) continue;
      if (!fits(ending, original.slice(0, start), free)) continue;
      next(start, ending);
    }
  };
  const vowelFirst = (ending: Ending) => vowels.has(ending.text[0] ?? "");
  const pluralOrStem = (end: number) => {
    add(folded.slice(0, end), false);
    strip(end, plural, (start) => add(folded.slice(0, start), false));
  };
  const possessive = (end: number, after: (end: number) => void) => {
    strip(end, possessives, (start, ending) => {
      add(folded.slice(0, start), vowelFirst(ending));
      // Possessives follow a plural: мектеп-тер-іміз, бала-лары.
      strip(start, plural, (before) => add(folded.slice(0, before), false));
      after(start);
    });
  };
  const end = folded.length;
  // No case ending: a plural, a possessive, or both.
  pluralOrStem(end);
  possessive(end, () => {});
  // A case ending after the stem or a plural.
  strip(end, cases, (start) => pluralOrStem(start));
  // A case ending after a possessive.
  for (const [endings, third] of [
    [casesAfterThird, true],
    [casesAfterPerson, false],
  ] as const) {
    strip(end, endings, (start) => {
      strip(
        start,
        possessives.filter((ending) => ending.third === third),
        (before, ending) => {
          add(folded.slice(0, before), vowelFirst(ending));
          strip(before, plural, (earlier) => add(folded.slice(0, earlier), false));
        },
      );
    });
  }
  return [...stems].sort((a, b) => (a === folded ? -1 : b === folded ? 1 : b.length - a.length || (a < b ? -1 : 1)));
}

/** Words a Kazakh query of several words may leave out. */
export const kazakhStopWords: ReadonlySet<string> = new Set(
  ["және", "мен", "бен", "пен", "да", "де", "та", "те", "бұл", "осы", "сол", "үшін", "деп", "немесе", "әрі", "бірақ", "ол", "не"].map(fold),
);
