/**
 * What to search for one word of a Kazakh query: the site's forms of each of the word's stems
 * (kazakh.ts) that the site's lexicon has (kazakh-lexicon.ts). The Kazakh counterpart of
 * `expandWord` (expand.ts), sharing its weights and typo corrections. Bundled into `/search/search.js`.
 */
import { bestOf, corrections, type Lexicon, type Variant, variantsOf, weights } from "./expand.ts";
import { kazakhStems } from "./kazakh.ts";

/** The site's forms of a folded word's stems, weighed as `scale` says; empty when the site has none. */
async function formsOf(word: string, lexicon: Lexicon, scale = 1, via?: Variant["via"], reading?: string): Promise<Variant[]> {
  // Letters typed as their Russian look-alikes say nothing of harmony: the analysis reads them loosely.
  const stems = kazakhStems(word, { loose: true });
  const found = (await Promise.all(stems.map((stem) => lexicon.entry(stem)))).filter((groups) => groups !== undefined);
  // Longer stems first: a form that shares more of the reader's word ranks higher («Президентінің»
  // finds «Президенті» before «Президент»), each shorter stem a step lower.
  return found.flatMap((groups, index) => variantsOf(groups, word, scale * Math.max(minimumScale, 1 - step * index), via, reading));
}

/** How much less each shorter stem's forms weigh, and the least they weigh. */
const step = 0.1;
const minimumScale = 0.6;

/**
 * The variants of one query word, folded: the site's forms of its stems («мектептерімізде» →
 * «мектебі», «мектептер», …), the reader's own form weighing most. A word the site has in no form
 * is corrected as a Russian one is (one slip away); failing that it matches nothing.
 */
export async function expandKazakhWord(word: string, lexicon: Lexicon): Promise<Variant[]> {
  const variants = await formsOf(word, lexicon);
  if (variants.length > 0) return bestOf(variants);
  for (const fix of await corrections(word, lexicon)) variants.push(...(await formsOf(fix, lexicon, weights.typo, "typo", fix)));
  return bestOf(variants);
}
