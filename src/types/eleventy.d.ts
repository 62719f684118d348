// Eleventy 3 ships no types; tests build sites in memory through its programmatic API.
declare module "@11ty/eleventy" {
  export interface BuiltPage {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    content: string;
  }
  export class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: { quietMode?: boolean; configPath?: string; config?: (eleventyConfig: never) => void },
    );
    toJSON(): Promise<BuiltPage[]>;
    /** Writes the site; resolves to what was written, as `eleventy.after` receives it. */
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}
