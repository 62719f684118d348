// @11ty/eleventy-img 6 ships no types; these are the parts Vestnik calls.
declare module "@11ty/eleventy-img" {
  export interface ImageFormat {
    url: string;
    width: number;
    height: number;
    format: string;
    sourceType: string;
    srcset: string;
  }
  export type ImageMetadata = Record<string, ImageFormat[]>;
  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
  }
  function image(src: string, options?: ImageOptions): Promise<ImageMetadata>;
  namespace image {
    function generateHTML(metadata: ImageMetadata, attributes: Record<string, string>): string;
    /** Where the files will be, without making them (they are made by the async call). */
    function statsSync(src: string, options?: ImageOptions): ImageMetadata;
  }
  export default image;
}
