import type { Photo } from "./articles/schema.ts";
import { escapeHtml } from "./html.ts";

/** Labels a photo credit the way Russian agencies do: «Фото: portaktau.kz». */
export const creditLabel = "Фото:";

/**
 * One photo as a `<figure>`: the image when there is a file, and always the caption and the
 * «Фото: …» credit, so a photo imported without its image still credits its source.
 */
export function photoFigure(photo: Photo, imageUrl: (src: string) => string = (src) => src): string {
  const parts: string[] = [];
  if (photo.src) {
    const alt = photo.alt ?? photo.caption ?? "";
    parts.push(`<img src="${escapeHtml(imageUrl(photo.src))}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async">`);
  }
  const caption: string[] = [];
  if (photo.caption) caption.push(`<span class="photo-caption">${escapeHtml(photo.caption)}</span>`);
  if (photo.credit) caption.push(`<span class="photo-credit">${creditLabel} ${escapeHtml(photo.credit)}</span>`);
  if (caption.length > 0) parts.push(`<figcaption>${caption.join(" ")}</figcaption>`);
  const kind = photo.src ? "photo" : "photo photo-without-image";
  return `<figure class="${kind}">${parts.join("")}</figure>`;
}

/**
 * Places the photos among the body's paragraphs where the agency had them (`after`: how many
 * paragraphs come first); photos without a position follow the body.
 */
export function bodyWithPhotos(bodyHtml: string, photos: Photo[], imageUrl?: (src: string) => string): string {
  if (photos.length === 0) return bodyHtml;
  const blocks = bodyHtml.split(/(?<=<\/p>)/);
  const before = new Map<number, string[]>();
  const trailing: string[] = [];
  for (const photo of photos) {
    const figure = photoFigure(photo, imageUrl);
    if (photo.after === undefined || photo.after >= blocks.length) trailing.push(figure);
    else before.set(photo.after, [...(before.get(photo.after) ?? []), figure]);
  }
  const out: string[] = [];
  for (const [index, block] of blocks.entries()) {
    out.push(...(before.get(index) ?? []), block);
  }
  out.push(...trailing);
  return out.join("");
}
