import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { article } from "./site.ts";

/** A newsroom of several years and the comparison of two built sites, for the builds that must write the same site another way. */

const tagPool = ["Экономика", "Астана", "Нефть", "Спорт", "Культура", "Погода", "ООН", "Транспорт"];

/** 40 articles over four years, with shared tags (related articles cross shards), leads and bodies. */
export function newsroom(): Record<string, string> {
  const articles: Record<string, string> = {};
  for (let n = 0; n < 40; n++) {
    const year = 2021 + (n % 4);
    const month = String(1 + (n % 12)).padStart(2, "0");
    const tags = [tagPool[n % tagPool.length], tagPool[(n * 3) % tagPool.length], `Тема ${n % 5}`];
    articles[`${year}/${month}/novost-${n}.md`] = article(
      {
        title: `Новость номер ${n}`,
        date: `${year}-${month}-${String(1 + (n % 27)).padStart(2, "0")}`,
        tags,
        lead: n % 3 ? `Лид ${n}.` : undefined,
      },
      `Первый абзац новости ${n}.\n\nВторой абзац: «кавычки» и тире - вот.`,
    );
  }
  return articles;
}

/** Every file of a built site and its bytes, by path. */
export function files(folder: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(folder, file), readFileSync(file));
  }
  return found;
}

export function expectSameSite(one: string, other: string): void {
  const a = files(one);
  const b = files(other);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  const differing = [...a].filter(([name, bytes]) => !bytes.equals(b.get(name) ?? Buffer.alloc(0))).map(([name]) => name);
  expect(differing).toEqual([]);
}
