/** The part of Az.js (npm `az`, OpenCorpora dictionaries) that the tags-line splitter uses. */
declare module "az" {
  /** One grammatical reading of a word; grammemes such as `NOUN`, `gent`, `Name` are flags on `tag`. */
  export interface AzParse {
    tag: Record<string, unknown> & { POST?: string; CAse?: string; toString(): string };
    /** How likely this reading is, 0–1. */
    score: number;
    /** `Dictionary` when the word is in the dictionary; other parsers guess from the ending. */
    parser: string;
  }
  export interface AzMorph {
    (word: string): AzParse[];
    init(path: string, callback: (error: unknown) => void): void;
  }
  const Az: { Morph: AzMorph };
  export default Az;
}
