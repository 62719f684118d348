import { isCapitalised } from "../morphology/word-facts.ts";

/**
 * How the tags line of a Kazakh or an English export is split (tags-line.ts splits Russian ones
 * with the OpenCorpora dictionary, which knows neither language). Without a dictionary, the cues
 * are the ones an editor reads:
 *
 * - commas or semicolons, when the export has them, separate tags exactly;
 * - a lower-case word continues the tag («Foreign policy», «сыртқы саясаты»), and so does the
 *   word after a conjunction or particle («Bosnia and Herzegovina», «Босния және Герцеговина»,
 *   «Ministry of Foreign Affairs»);
 * - a surname follows a first name («Kassym-Jomart Tokayev», «Қасым-Жомарт Тоқаев»): a word ending
 *   like a Kazakh, Russian or Uzbek surname, right after one capitalised word;
 * - in Kazakh, a word in the genitive needs the word after it («Қазақстанның сыртқы саясаты»,
 *   «Қазақстан Республикасының Президенті»), an adjective-shaped first word its noun («Ұлттық
 *   Банк»), and a possessive head noun goes with the name before it («Қазақстан Республикасы»,
 *   «Ұлттар Ұйымы»).
 *
 * Anything else capitalised starts a new tag. The site's known tags (tags-line.ts) come first in
 * every language, so a newsroom that lists its tags in `_data/tags.json` gets them whole.
 */
export interface TagLineRules {
  /** The tags, when the line separates them itself with commas or semicolons. */
  separated(line: string): string[] | undefined;
  /** Whether `word` belongs to `tag`, the tag being built, rather than starting a new one. */
  continues(tag: string[], word: string): boolean;
  /** Whether the tag cannot end here (it ends in a conjunction or a word that needs the next). */
  needsNext(tag: string[]): boolean;
  /** Whether `word` cannot start a tag: a known tag before it goes on («Қазақстан | Республикасы»). */
  attachesBack(word: string): boolean;
}

const kazakhFunctionWords = new Set(["және", "мен", "пен", "бен", "әрі", "не", "немесе", "үшін", "туралы", "бойынша"]);
const englishFunctionWords = new Set([
  "and",
  "of",
  "the",
  "for",
  "in",
  "on",
  "at",
  "to",
  "de",
  "da",
  "del",
  "von",
  "van",
  "bin",
  "al",
  "&",
]);

// Surnames: Kazakh, Russian and Uzbek in Cyrillic (Тоқаев, Мирзиёев, Назарбаева), and the patronymic
// words «ұлы», «қызы»; in Latin letters as passports and agencies spell them (Tokayev, Mirziyoyev).
const cyrillicSurname = /(?:ов|ев|ёв|ова|ева|ёва|ұлы|қызы|ович|евич|овна|евна)$/u;
const latinSurname = /(?:ov|ev|yov|ova|eva|uly|kyzy|ovich|evich|ovna|evna)$/u;
// The Kazakh genitive (-ның/-нің, -дың/-дің, -тың/-тің): «Қазақстанның» is «of Kazakhstan».
const kazakhGenitive = /(?:ның|нің|дың|дің|тың|тің)$/u;
// Adjectives by their suffix: -лық/-лік/-дық/-дік/-тық/-тік (Ұлттық), -ғы/-гі/-қы/-кі (Сыртқы).
// Not the participles in -ған/-ген (Біріккен): towns end so too (Жезқазған, Талдықорған).
const kazakhAdjective = /(?:лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі)$/u;
// A head noun with the third-person possessive, which names the thing the words before it own:
// -сы/-сі after a vowel (Республикасы), -лігі/-лығы (Министрлігі), and institutions' nouns.
const kazakhPossessive = /(?:сы|сі|лігі|лығы|дігі|дығы|тігі|тығы)$/u;
const kazakhPossessiveNouns = new Set(["Ұйымы", "Кеңесі", "Одағы", "Үкіметі", "Парламенті", "Мәжілісі", "Сенаты", "Соты", "Банкі", "Қоры"]);

function separatedBy(line: string): string[] | undefined {
  if (!/[,;]/u.test(line)) return undefined;
  return line
    .split(/[,;]/u)
    .map((part) => part.trim().replace(/\s+/gu, " "))
    .filter((part) => part !== "");
}

function rulesFor(functionWords: Set<string>, surname: RegExp, kazakh: boolean): TagLineRules {
  const isFunction = (word: string) => functionWords.has(word.toLowerCase());
  return {
    separated: separatedBy,
    needsNext(tag) {
      const last = tag[tag.length - 1] as string;
      if (isFunction(last) || last.endsWith("-")) return true;
      return kazakh && (kazakhGenitive.test(last) || (tag.length === 1 && isCapitalised(last) && kazakhAdjective.test(last)));
    },
    attachesBack(word) {
      return !isCapitalised(word) || word.startsWith("-") || (kazakh && (kazakhPossessive.test(word) || kazakhPossessiveNouns.has(word)));
    },
    continues(tag, word) {
      if (this.attachesBack(word) || this.needsNext(tag)) return true;
      return tag.length === 1 && isCapitalised(tag[0] as string) && !isFunction(tag[0] as string) && surname.test(word);
    },
  };
}

const kazakhRules = rulesFor(kazakhFunctionWords, cyrillicSurname, true);
const englishRules = rulesFor(englishFunctionWords, latinSurname, false);

/** The rules for a language's tags lines; undefined for Russian (and others), which the dictionary splits. */
export function tagLineRules(language: string | undefined): TagLineRules | undefined {
  const primary = (language ?? "").toLowerCase().split("-")[0];
  if (primary === "kk") return kazakhRules;
  if (primary === "en") return englishRules;
  return undefined;
}
