import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NewsroomImages } from "./images.ts";
import { type ResolvedOptions, themeShareImage } from "./options.ts";

/** The theme's card: 1200×675, the size Google and the social networks ask for (16:9, ≥ 1200 px wide). */
export const themeCard = {
  file: fileURLToPath(new URL("./theme/share.png", import.meta.url)),
  url: "/assets/share.png",
  width: 1200,
  height: 675,
};

export interface SocialImage {
  url: string;
  width?: number;
  height?: number;
  /** The site's default, not the article's own: search results leave it out (the same picture on every hit says nothing). */
  fallback?: true;
}

/**
 * The picture an article without a photo shares (the `defaultImage` option): the theme's card, a
 * file of the site made into a 1200 px JPEG as articles' photos are, or a URL taken as it is.
 */
export class DefaultImage {
  constructor(
    private readonly option: ResolvedOptions["defaultImage"],
    private readonly images: NewsroomImages,
    private readonly inputDir: () => string,
  ) {}

  /** The site's own file, if the option names one. */
  private get siteFile(): string | undefined {
    const option = this.option;
    if (option === false || option === themeShareImage || /^https?:\/\//.test(option)) return undefined;
    return option;
  }

  /** Fails at the start of a build, not in the middle of a page, when the named file is missing. */
  check(): void {
    const file = this.siteFile;
    if (file && !existsSync(path.join(this.inputDir(), file))) {
      throw new Error(
        `Vestnik: option \`defaultImage\` names ${JSON.stringify(file)}, which is not in the site's folder (${path.resolve(this.inputDir(), file)}). ` +
          "Give a path from the input folder, an https:// URL, or false for no default image.",
      );
    }
  }

  /** Makes the site file's JPEG card (an article's photos are made when their page is rendered). */
  async make(): Promise<void> {
    const file = this.siteFile;
    if (file) await this.images.make(file);
  }

  card(): SocialImage | undefined {
    const option = this.option;
    if (option === false) return undefined;
    if (option === themeShareImage) return { url: themeCard.url, width: themeCard.width, height: themeCard.height, fallback: true };
    const file = this.siteFile;
    return { ...(file ? this.images.socialImage({ src: file }) : { url: option }), fallback: true };
  }
}
