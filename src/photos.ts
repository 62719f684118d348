import type { Photo } from "./articles/schema.ts";
import { escapeHtml } from "./html.ts";

/** Labels a photo credit the way Russian agencies do: «Фото: portaktau.kz». */
export const creditLabel = "Фото:";

/**
 * One photo as a `<figure>`: the image when there is a file (`picture`: the responsive markup
 * made for it, else a plain `<img>`), and always the caption and the «Фото: …» credit, so a photo
 * imported without its image still credits its source.
 */
export function photoFigure(photo: Photo, picture?: string, label = creditLabel): string {
  const parts: string[] = [];
  if (picture) parts.push(picture);
  else if (photo.src) {
    const alt = photo.alt ?? photo.caption ?? "";
    parts.push(`<img src="${escapeHtml(photo.src)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async">`);
  }
  const caption: string[] = [];
  if (photo.caption) caption.push(`<span class="photo-caption">${escapeHtml(photo.caption)}</span>`);
  if (photo.credit) caption.push(`<span class="photo-credit">${label} ${escapeHtml(photo.credit)}</span>`);
  if (caption.length > 0) parts.push(`<figcaption>${caption.join(" ")}</figcaption>`);
  const kind = photo.src ? "photo" : "photo photo-without-image";
  return `<figure class="${kind}">${parts.join("")}</figure>`;
}

/**
 * Where each photo stands in the body, as the number of paragraphs before it: `after` when the
 * agency gave it; otherwise the first photo leads the article (0) and the others follow the body.
 */
export function photoPositions(bodyHtml: string, photos: Photo[]): number[] {
  const paragraphs = bodyHtml.split("</p>").length - 1;
  return photos.map((photo, index) => Math.min(photo.after ?? (index === 0 ? 0 : paragraphs), paragraphs));
}

/**
 * Places the photos among the body's paragraphs (see photoPositions). `figures` are the photos'
 * figures made beforehand (same order), e.g. with responsive images.
 */
export function bodyWithPhotos(bodyHtml: string, photos: Photo[], figures: string[] = photos.map((photo) => photoFigure(photo))): string {
  if (photos.length === 0) return bodyHtml;
  const blocks = bodyHtml.split(/(?<=<\/p>)/);
  const before = new Map<number, string[]>();
  for (const [index, position] of photoPositions(bodyHtml, photos).entries()) {
    before.set(position, [...(before.get(position) ?? []), figures[index] ?? ""]);
  }
  const out: string[] = [];
  for (const [index, block] of blocks.entries()) out.push(...(before.get(index) ?? []), block);
  // Photos after the last paragraph go after any trailing text, e.g. a closing newline.
  if (blocks.length > 0 && before.has(blocks.length)) out.push(...(before.get(blocks.length) ?? []));
  return out.join("");
}
