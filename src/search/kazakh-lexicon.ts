/**
 * The Kazakh lexicon's entries: the site's words grouped by their stems (kazakh.ts), so that a
 * reader's form finds the forms the site has. Where the Russian lexicon asks a dictionary for a
 * word's lemma, this one asks the site: each word may have several stems by rule («Алматы»: the
 * city, or «Алмат» with a possessive), and each is kept, filed with every word that has it. A reader's word is looked up by each of its own stems (kazakh-expand.ts),
 * so the site's forms of any stem the two share are found: «мектептерімізде» reaches «мектебі»
 * through «мектеп» even when the site never writes «мектеп» alone.
 */
import { kazakhStems } from "./kazakh.ts";
import { cover, type Group } from "./lexicon.ts";

/** Most spellings one stem sends to Pagefind: each is one Pagefind search. */
const maxForms = 20;
/** A stem this short must be a word of the site («ел», «үй»): shorter bits of longer words are not stems. */
const shortStem = 3;

/** Whether a site's language is Kazakh: `kk`, `kk-KZ`, `kk-Cyrl`. */
export function isKazakh(language: string | undefined): boolean {
  return language?.split("-")[0]?.toLowerCase() === "kk";
}

/** The lexicon entries of a Kazakh site: each stem (folded) → one group of the site's spellings that have it. */
export function kazakhEntries(spellings: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Group[]> {
  const wordsOfStem = new Map<string, Set<string>>();
  for (const [folded, spelled] of spellings) {
    const stems = new Set<string>();
    // Harmony is read from the site's own spelling (ә, ө, ү, і): a word spelt several ways gives each one's stems.
    for (const spelling of spelled) for (const stem of kazakhStems(spelling)) stems.add(stem);
    for (const stem of stems) {
      const words = wordsOfStem.get(stem) ?? new Set<string>();
      wordsOfStem.set(stem, words);
      words.add(folded);
    }
  }
  const entries = new Map<string, Group[]>();
  for (const [stem, words] of wordsOfStem) {
    const isWord = spellings.has(stem);
    // A stem of one word is kept: a reader's «Қазақстан» finds the site's only «Қазақстанның». A
    // wrong stem («Қазақстанн» + -ың) costs a few bytes, as only that word's own forms lead to it.
    if (!isWord && stem.length < shortStem) continue;
    // The stem's own word first (the reader's likeliest meaning), then its forms, shortest first.
    const own = isWord ? [...(spellings.get(stem) ?? [])] : [];
    const forms = [...words].flatMap((word) => [...(spellings.get(word) ?? [])]);
    const same = cover([...cover(own), ...cover(forms)]).slice(0, maxForms);
    entries.set(stem, [{ endings: ["*"], same, related: [], family: [] }]);
  }
  return entries;
}
