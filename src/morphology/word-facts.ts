import { createRequire } from "node:module";
import path from "node:path";
import Az, { type AzParse } from "az";
import { firstNames } from "./first-names.ts";
import { placeNames } from "./place-names.ts";

/** Grammatical gender, or plural, of a word's nominative readings. */
export type Gender = "masc" | "femn" | "neut" | "plur";

/** What the tags-line splitter needs to know about one word. */
export interface WordFacts {
  /** Шавкат, Анастасия, Касым-Жомарт: a surname or patronymic usually follows. */
  firstName: boolean;
  /** Владимирович, Абишевич: always sits between a first name and a surname. */
  patronymic: boolean;
  /** Токаев, Мирзиёев: ends a person's name. */
  surname: boolean;
  /** Внешняя, Транскаспийский: an adjective in the nominative, which needs a noun after it. */
  adjective: boolean;
  /** Казахстана, Федерации: can only be an oblique case, so it depends on the word before it. */
  oblique: boolean;
  /** Узбекистан, Москва: a place name in the nominative, a tag of its own. */
  place: boolean;
  /** Республика, Правительство: an ordinary noun, never part of a person's name. */
  commonNoun: boolean;
  /** в, по, и, де: a preposition, conjunction or name particle; the next word belongs with it. */
  functionWord: boolean;
  /** Genders the word can have in the nominative; empty when unknown. An adjective agrees with its noun. */
  genders: ReadonlySet<Gender>;
  /** Whether the dictionary knows the word; `undefined` when no dictionary was asked. */
  inDictionary?: boolean;
}

/** Tells the splitter what a word can be. `name` says which one, for the accuracy report. */
export interface Morphology {
  readonly name: string;
  facts(word: string): WordFacts;
}

/** Whether two words can agree in gender and number (unknown agrees with anything). */
export function agree(a: WordFacts, b: WordFacts): boolean {
  if (a.genders.size === 0 || b.genders.size === 0) return true;
  for (const gender of a.genders) if (b.genders.has(gender)) return true;
  return false;
}

const functionWords = new Set(
  "в во на по и или да де ди дель дер ла ле ван фон бин бен ибн ва аль эль ас ад за для при под над о об от с со к ко у из имени им. оглы кызы улы уулу".split(
    " ",
  ),
);
// Name particles are written capitalised too («Висенте Дель Боске», «Хамад бин Халифа Аль Тани»).
const nameParticles = new Set(["Де", "Ди", "Дель", "Ла", "Ле", "Ван", "Фон", "Аль", "Эль", "Бин", "Ибн"]);

const patronymicEnding = /(?:ович|евич|ёвич|ьич|овна|евна|ёвна|ична|инична)$/u;
// Endings of Slavic, Kazakh, Caucasian surnames; also endings of some city names (Пекин, Киев),
// so this only says «may be a surname» — it never splits anything by itself.
const surnameEnding = /(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|енко|дзе|швили|ян|янц|ук|юк)$/u;
const adjectiveEnding = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/u;
// Only endings that a tag in the nominative hardly ever has: России, Казахстана, Российской, Объединённых.
const obliqueEnding = /(?:ии|стана|ого|его|ской|цкой|ных|ских)$/u;

/** Capitalised: the first letter is upper case (Cyrillic, Kazakh or Latin). */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function hasFirstNamePart(word: string): boolean {
  return firstNames.has(word) || (word.includes("-") && word.split("-").some((part) => firstNames.has(part)));
}

function adjectiveGenders(word: string): Set<Gender> {
  if (/(?:ый|ий|ой)$/u.test(word)) return new Set(["masc"]);
  if (/(?:ая|яя)$/u.test(word)) return new Set(["femn"]);
  if (/(?:ое|ее)$/u.test(word)) return new Set(["neut"]);
  if (/(?:ые|ие)$/u.test(word)) return new Set(["plur"]);
  return new Set();
}

/** Facts from the word's spelling alone: a list of first names and common endings. Works offline, instantly. */
export const spellingRules: Morphology = {
  name: "spelling rules",
  facts(word) {
    const capitalised = isCapitalised(word);
    const place = placeNames.has(word);
    const firstName = capitalised && !place && hasFirstNamePart(word);
    const adjective = !firstName && !place && adjectiveEnding.test(word);
    return {
      firstName,
      patronymic: capitalised && patronymicEnding.test(word),
      surname: capitalised && !firstName && surnameEnding.test(word),
      adjective,
      oblique: capitalised && !place && obliqueEnding.test(word),
      place,
      commonNoun: false,
      functionWord: functionWords.has(word) || nameParticles.has(word),
      genders: adjective ? adjectiveGenders(word) : new Set(),
    };
  },
};

/** Share of the readings' weight that has a grammeme, e.g. how likely «Федерации» is nominative. */
function weight(parses: AzParse[], test: (parse: AzParse) => boolean): number {
  let total = 0;
  let matching = 0;
  for (const parse of parses) {
    total += parse.score;
    if (test(parse)) matching += parse.score;
  }
  return total === 0 ? 0 : matching / total;
}

const has = (grammeme: string) => (parse: AzParse) => parse.tag[grammeme] === true;

const properGrammemes = ["Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"];

function gendersOf(parses: AzParse[]): Set<Gender> {
  const genders = new Set<Gender>();
  for (const parse of parses) {
    if (parse.tag.nomn !== true) continue;
    if (parse.tag.plur === true) genders.add("plur");
    else for (const gender of ["masc", "femn", "neut"] as const) if (parse.tag[gender] === true) genders.add(gender);
  }
  return genders;
}

/**
 * Facts from the OpenCorpora dictionary (Az.js) where it knows the word, the spelling rules where
 * it only guesses. Words are looked up once per run.
 */
class DictionaryMorphology implements Morphology {
  readonly name = "OpenCorpora dictionary (az) + spelling rules";
  readonly #cache = new Map<string, WordFacts>();

  facts(word: string): WordFacts {
    let facts = this.#cache.get(word);
    if (facts === undefined) {
      facts = this.#lookUp(word);
      this.#cache.set(word, facts);
    }
    return facts;
  }

  #lookUp(word: string): WordFacts {
    const rules = spellingRules.facts(word);
    if (word.includes("-")) {
      // «Санкт-Петербурга» and «Социал-демократическая» decline in their last part, «Ростова-на-Дону»
      // in its first; names like «Касым-Жомарт» stay with the rules.
      if (rules.firstName) return { ...rules, inDictionary: false };
      const parts = word.split("-");
      const declining = (parts.some((part) => functionWords.has(part)) ? parts[0] : parts[parts.length - 1]) ?? word;
      const part = this.facts(declining);
      const compoundAdjective = !isCapitalised(declining) && part.adjective;
      return {
        ...rules,
        surname: rules.surname && !compoundAdjective,
        adjective: part.adjective,
        oblique: rules.oblique || (isCapitalised(word) && part.oblique),
        place: part.place,
        genders: part.genders,
        inDictionary: false,
      };
    }
    if (!/^\p{Script=Cyrillic}+$/u.test(word)) return { ...rules, inDictionary: false };
    const parses = Az.Morph(word).filter((parse) => parse.parser === "Dictionary");
    const best = parses[0];
    if (best === undefined) return { ...rules, inDictionary: false };
    const capitalised = isCapitalised(word);
    // A capitalised word is hardly ever a verb («Грузии» is not «грузи»): judge the case by the noun and adjective readings.
    const declined = parses.filter((parse) => typeof parse.tag.CAse === "string");
    // Place names are singular: «Эстонии» is a genitive, not «the Estonias».
    const place = parses.some(has("Geox"));
    const nominative = weight(declined, (parse) => parse.tag.nomn === true && (!place || parse.tag.plur !== true));
    const indeclinable = declined.some(has("Fixd"));
    const firstName = !rules.place && (rules.firstName || (capitalised && weight(parses, has("Name")) >= 0.4));
    const surname = !firstName && (rules.surname || (capitalised && best.tag.Surn === true));
    const proper = properGrammemes.some((grammeme) => best.tag[grammeme] === true);
    return {
      inDictionary: true,
      firstName,
      patronymic: rules.patronymic || (capitalised && best.tag.Patr === true),
      surname,
      adjective: best.tag.POST === "ADJF" && best.tag.nomn === true && best.tag.Surn !== true,
      // «Токаев» reads as a plural genitive in the dictionary: a surname-like word is never oblique.
      oblique: capitalised && !rules.surname && !indeclinable && declined.length > 0 && nominative < 0.1,
      place: rules.place || (capitalised && best.tag.Geox === true && best.tag.nomn === true),
      commonNoun: !firstName && best.tag.POST === "NOUN" && !proper,
      functionWord: rules.functionWord || (!capitalised && ["PREP", "CONJ"].includes(String(best.tag.POST))),
      genders: gendersOf(declined),
    };
  }
}

let loading: Promise<Morphology> | undefined;

/**
 * The dictionary-backed morphology; loads the dictionaries (about 10 MB, ~0.1 s) once per process.
 * Falls back to the spelling rules, with a warning, if the dictionaries cannot be read.
 */
export function loadMorphology(warn: (message: string) => void = () => {}): Promise<Morphology> {
  loading ??= new Promise((resolve) => {
    const dicts = path.join(path.dirname(createRequire(import.meta.url).resolve("az/package.json")), "dicts");
    Az.Morph.init(dicts, (error) => {
      if (error) {
        warn(`Could not load the morphology dictionaries in ${dicts} (${String(error)}); splitting tags by spelling rules only.`);
        resolve(spellingRules);
      } else {
        resolve(new DictionaryMorphology());
      }
    });
  });
  return loading;
}
