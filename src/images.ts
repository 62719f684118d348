import path from "node:path";
import image, { type ImageMetadata } from "@11ty/eleventy-img";
import type { Photo } from "./articles/schema.ts";
import { photoFigure, photoPositions } from "./photos.ts";

/** Widths made of every photo: phones, tablets and desktops, and 1200 px for social cards. */
const widths = [480, 960, 1200, 1600];
/** How wide a photo is shown: the full column on phones, at most the 42rem article column. */
const sizes = "(min-width: 44rem) 42rem, 100vw";

/**
 * Photos with a local file, turned by Eleventy Image into AVIF, WebP and JPEG at several widths
 * with their dimensions, so browsers pick the smallest file and reserve the space (no layout shift).
 * Eleventy Image keeps what it made and does not redo it for the same file in the same build.
 */
export class NewsroomImages {
  constructor(
    private readonly inputDir: () => string,
    private readonly outputDir: () => string,
  ) {}

  /** Remote photos (http…) are shown as they are; everything else is a file in the site. */
  isLocal(photo: Photo): photo is Photo & { src: string } {
    return photo.src !== undefined && !/^https?:\/\//.test(photo.src);
  }

  private options() {
    return { widths, formats: ["avif", "webp", "jpeg"], outputDir: path.join(this.outputDir(), "img"), urlPath: "/img/" };
  }

  private metadata(src: string): Promise<ImageMetadata> {
    return image(path.join(this.inputDir(), src), this.options());
  }

  /** The `<picture>` for a photo; the first photo of an article loads at once, the others lazily. */
  async picture(photo: Photo & { src: string }, first: boolean): Promise<string> {
    return image.generateHTML(await this.metadata(photo.src), {
      alt: photo.alt ?? photo.caption ?? "",
      sizes,
      loading: first ? "eager" : "lazy",
      decoding: "async",
      ...(first ? { fetchpriority: "high" } : {}),
    });
  }

  /** Makes a file's sizes without a page to show them in: the site's default social image (default-image.ts). */
  async make(src: string): Promise<void> {
    await this.metadata(src);
  }

  /**
   * The figures of an article's photos, in their order: the photo nearest the top loads at once, the
   * others wait until the reader scrolls to them.
   */
  async figures(bodyHtml: string, photos: Photo[], label?: string): Promise<string[]> {
    const positions = photoPositions(bodyHtml, photos);
    const top = positions.indexOf(Math.min(...positions));
    return Promise.all(
      photos.map(async (photo, index) =>
        photoFigure(photo, this.isLocal(photo) ? await this.picture(photo, index === top) : undefined, label),
      ),
    );
  }

  /** The article's first photo with an image, for social cards and search results; undefined without one. */
  socialCard(photos: Photo[] = []): { url: string; width?: number; height?: number } | undefined {
    const photo = photos.find((candidate) => candidate.src !== undefined);
    if (!photo) return undefined;
    return this.isLocal(photo) ? this.socialImage(photo) : { url: photo.src ?? "" };
  }

  /**
   * The JPEG a social card shows (1200 px wide, or the largest there is), as a site path. Known
   * without waiting (the head of a page is rendered synchronously); the file itself is made when
   * the article's photos are rendered, with the same options.
   */
  socialImage(photo: { src: string }): { url: string; width: number; height: number } {
    const jpegs = image.statsSync(path.join(this.inputDir(), photo.src), this.options()).jpeg ?? [];
    const best = jpegs.find((jpeg) => jpeg.width >= 1200) ?? jpegs.at(-1);
    if (!best) throw new Error(`Vestnik: no JPEG can be made of ${photo.src}`);
    return { url: best.url, width: best.width, height: best.height };
  }
}
