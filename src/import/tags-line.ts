import { agree, isCapitalised, type Morphology, spellingRules, type WordFacts } from "../morphology/word-facts.ts";
import { type TagLineRules, tagLineRules } from "./tags-line-languages.ts";

/**
 * Splits the agency export's tags line, where multi-word tags are joined by spaces with no
 * separator: «Касым-Жомарт Токаев Логистика Внешняя политика Казахстана» →
 * [Касым-Жомарт Токаев, Логистика, Внешняя политика Казахстана].
 *
 * 1. Tags the site already uses win, longest first («Транскаспийский транспортный маршрут» before
 *    «Транскаспийский»), unless the words around them say the tag goes on.
 * 2. The rest is split word by word. A word continues the current tag when it is lower case
 *    («политика»), follows a preposition or a name particle («по», «де»), follows an adjective
 *    that needs its noun («Внешняя»), is a patronymic or a surname after a first name
 *    («Шавкат Мирзиёев»), or can only be an oblique case («Казахстана»). Otherwise a capitalised
 *    word starts a new tag.
 *
 * A Kazakh or English line (`split(line, "kk")`) keeps step 1 and splits the rest by that
 * language's rules (tags-line-languages.ts): commas and semicolons, conjunctions, surnames.
 */
export interface TagSplitterOptions {
  /** Tags the site already has, spelled as in its articles. Default: none. */
  known?: Iterable<string>;
  /** What a word can be. Default: spelling rules only (see word-facts.ts `loadMorphology` for the dictionary). */
  morphology?: Morphology;
}

/** Known tags by their first word, longest first, so the first match is the longest. */
type KnownIndex = Map<string, string[][]>;

function indexKnown(known: Iterable<string>): KnownIndex {
  const index: KnownIndex = new Map();
  for (const tag of known) {
    const words = tag.trim().split(/\s+/);
    const first = words[0];
    if (first === undefined || first === "") continue;
    const list = index.get(first) ?? [];
    list.push(words);
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

export class TagSplitter {
  readonly #known: KnownIndex;
  readonly #morphology: Morphology;

  constructor(options: TagSplitterOptions = {}) {
    this.#known = indexKnown(options.known ?? []);
    this.#morphology = options.morphology ?? spellingRules;
  }

  /** Adds a tag to the known tags, e.g. one just imported from an archive. */
  learn(tag: string): void {
    const words = tag.trim().split(/\s+/);
    const first = words[0];
    if (first === undefined || first === "") return;
    const list = this.#known.get(first) ?? [];
    if (list.some((known) => known.join(" ") === words.join(" "))) return;
    list.push(words);
    list.sort((a, b) => b.length - a.length);
    this.#known.set(first, list);
  }

  /** The tags of one line, in order, without duplicates; `language` is the article's (default Russian). */
  split(line: string, language?: string): string[] {
    const rules = tagLineRules(language);
    const separated = rules?.separated(line);
    if (separated) return [...new Set(separated)];
    const words = line
      .trim()
      .split(/\s+/)
      .filter((word) => word !== "");
    const tags: string[][] = [];
    let current: string[] | undefined;
    let i = 0;
    while (i < words.length) {
      const word = words[i] as string;
      const known = this.#knownAt(words, i, current, rules);
      if (known !== undefined) {
        if (current) tags.push(current);
        current = undefined;
        tags.push(known);
        i += known.length;
        continue;
      }
      if (current && (rules ? rules.continues(current, word) : this.#continues(current, word))) {
        current.push(word);
      } else {
        if (current) tags.push(current);
        current = [word];
      }
      i += 1;
    }
    if (current) tags.push(current);
    return [...new Set(tags.map((tag) => tag.join(" ")))];
  }

  /** The longest known tag starting at word `i`, if the neighbouring words let it stand alone. */
  #knownAt(words: string[], i: number, current: string[] | undefined, rules?: TagLineRules): string[] | undefined {
    const candidates = this.#known.get(words[i] as string);
    if (candidates === undefined) return undefined;
    if (current && (rules ? rules.needsNext(current) : this.#needsNext(current))) return undefined;
    for (const tag of candidates) {
      if (!tag.every((word, k) => words[i + k] === word)) continue;
      const next = words[i + tag.length];
      if (next !== undefined && (rules ? rules.attachesBack(next) : this.#attachesBack(next))) continue;
      return tag;
    }
    return undefined;
  }

  #facts(word: string): WordFacts {
    return this.#morphology.facts(word);
  }

  /** The tag cannot end here: it ends in a preposition, an adjective without its noun, a lone first name. */
  #needsNext(tag: string[]): boolean {
    const last = tag[tag.length - 1] as string;
    const facts = this.#facts(last);
    if (facts.functionWord || last.endsWith("-")) return true;
    const person = this.#personState(tag);
    if (person !== "none") return person === "first name" || person === "patronymic";
    return facts.adjective;
  }

  /** The word cannot start a tag: lower case, a number, a bracket, or an oblique case. */
  #attachesBack(word: string): boolean {
    return !isCapitalised(word) || this.#facts(word).oblique || word.startsWith("-");
  }

  /**
   * Where a person's name in the tag has got to: «Владимир» (first name), «Владимир Владимирович»
   * (patronymic), «Владимир Владимирович Путин» (complete). Also inside a longer tag: «имени Бориса».
   */
  #personState(tag: string[]): "none" | "first name" | "patronymic" | "complete" {
    let state: "none" | "first name" | "patronymic" | "complete" = "none";
    for (const word of tag) {
      const facts = this.#facts(word);
      if (!isCapitalised(word) || facts.functionWord) continue; // «де», «оглы», «ибн»: the name goes on
      if (state === "first name" || state === "none") {
        if (facts.patronymic) state = "patronymic";
        else if (facts.firstName) state = "first name";
        else if (state === "first name") state = "complete";
      } else {
        // After a patronymic comes the surname, even one that looks like a patronymic («Янукович»).
        state = "complete";
      }
    }
    return state;
  }

  /**
   * Whether `word` can be the next part of a person's name that so far ends in the first name
   * `last`. Foreign surnames are often ordinary words to the dictionary («Питт», «Корт»), so only a
   * place («Франциск | Рим»), an adjective («Неофит | Болгарская православная церковь») or a first
   * name of the other gender («Николай | Надежда Маркина») ends the name.
   */
  #followsFirstName(last: WordFacts, facts: WordFacts): boolean {
    if (facts.place) return false;
    if (facts.adjective && !facts.surname) return false;
    return !facts.firstName || agree(last, facts);
  }

  /** Whether `word` belongs to the tag being built rather than starting a new one. */
  #continues(tag: string[], word: string): boolean {
    if (this.#insideQuotes(tag)) return true;
    const lastWord = tag[tag.length - 1] as string;
    const last = this.#facts(lastWord);
    // A quotation usually starts a tag of its own («Нур Отан»), unless a preposition waits for it.
    if (/^[«"„“]/u.test(word)) return last.functionWord;
    // Lower case, a number or a bracket: the tag goes on («Внешняя политика», «(Европейский союз)»).
    if (!isCapitalised(word)) return true;
    if (last.functionWord || lastWord.endsWith("-") || word.startsWith("-")) return true;
    const facts = this.#facts(word);
    switch (this.#personState(tag)) {
      case "first name":
        // «Шавкат Мирзиёев», «Питер Пауль Рубенс», «имени Бориса Щукина».
        return facts.patronymic || facts.functionWord || this.#followsFirstName(last, facts);
      case "patronymic":
        // The surname, whatever it looks like («Рыбак», «Дыховичный»), unless it is a place.
        return !facts.place;
      case "complete":
        return false;
      case "none":
        break;
    }
    // «Новая Зеландия», but «Чусовское | Россия».
    if (last.adjective) return agree(last, facts);
    // A first name the lists do not know, then a patronymic: «Сулейман Абусаидович».
    if (facts.patronymic) return true;
    // A word the dictionary has never seen, followed by another or by a surname, is most often a
    // foreign name: «Синдзо Абэ», «Кэрри Фишер».
    // Hyphenated words are mostly places («Нью-Йорк», «Лас-Крусес») and stay out of this.
    const foreign = (text: string, facts: WordFacts) => facts.inDictionary === false && !text.includes("-");
    if (
      tag.length === 1 &&
      foreign(lastWord, last) &&
      !last.oblique &&
      !last.adjective &&
      (foreign(word, facts) || facts.surname) &&
      !facts.place &&
      !facts.adjective
    ) {
      return true;
    }
    return facts.oblique;
  }

  /** An opening « or ( in the tag is not closed yet. */
  #insideQuotes(tag: string[]): boolean {
    const text = tag.join(" ");
    const open = (text.match(/[«(]/gu) ?? []).length;
    const close = (text.match(/[»)]/gu) ?? []).length;
    return open > close;
  }
}

/** Convenience: split one line with the given options, in the article's language (default Russian). */
export function splitTagsLine(line: string, options: TagSplitterOptions = {}, language?: string): string[] {
  return new TagSplitter(options).split(line, language);
}
