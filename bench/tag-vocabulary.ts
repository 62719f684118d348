/**
 * The tags of a synthetic archive, grown as a newsroom's grow: most stories bring a name the archive
 * has not seen yet, a few names come back again and again. Measured in `../shared/corpus/`: 1,042
 * Russian Wikinews articles carry 2,107 distinct tags (three in four used once); a real archive has
 * about 8,000 distinct tags at 10,000 articles and 21,000 at 50,000, two in five used once.
 *
 * The law: a Pitman–Yor (two-parameter Chinese restaurant) process over tag uses. The next use is a
 * new tag with probability (θ + d·K)/(θ + n) after n uses of K tags, else tag k with probability
 * (n_k − d)/(θ + n): the vocabulary grows like n^d and popular tags stay popular. It starts from the
 * corpus's own tags with their real counts, so «Россия» and «США» lead as they do in the news. A new
 * name is followed up by the next story with probability `followUp` (news runs in stories), which is
 * what brings single-use tags down to two in five without slowing the vocabulary's growth.
 */
import { firstNames } from "../src/morphology/first-names.ts";
import { placeNames } from "../src/morphology/place-names.ts";

/** Fitted to 8,000 tags at 10,000 articles, 21,000 at 50,000 and two in five used once (see `bench/generate.ts`). */
export const tagLaw = { discount: 0.6, concentration: 175, followUp: 0.33 };

/** A tag's uses, with the draws of a Pitman–Yor process; tag ids index `names`. */
export class TagDesk {
  readonly names: string[] = [];
  private readonly uses: number[] = [];
  /** One entry per use after a tag's first: a uniform pick is a pick by (n_k − 1). */
  private readonly repeats: number[] = [];
  private total = 0;
  private followUps: number[] = [];

  constructor(
    private readonly random: () => number,
    private readonly invent: (random: () => number) => string,
    prior: ReadonlyMap<string, number>,
    private readonly law = tagLaw,
  ) {
    for (const [name, count] of prior) this.add(name, count);
  }

  /** `count` distinct tags for the next article, follow-ups of the last new names first. */
  article(count: number): string[] {
    const chosen = new Set<number>();
    while (this.followUps.length > 0 && chosen.size < count) chosen.add(this.followUps.shift() as number);
    // An article names a tag once; a repeated draw is drawn again (a few tries: the big tags repeat).
    for (let attempt = 0; chosen.size < count && attempt < count * 10; attempt++) chosen.add(this.draw());
    for (const id of chosen) this.use(id);
    return [...chosen].map((id) => this.names[id] as string);
  }

  private draw(): number {
    const { discount, concentration, followUp } = this.law;
    const tags = this.uses.length;
    if (this.random() * (concentration + this.total) < concentration + discount * tags) {
      const id = this.add(this.invent(this.random), 0);
      if (this.random() < followUp) this.followUps.push(id);
      return id;
    }
    // (n_k − d) = (n_k − 1) + (1 − d): a repeat picked uniformly, or a tag picked uniformly.
    const byRepeats = this.total - tags;
    if (this.random() * (byRepeats + (1 - discount) * tags) < byRepeats) {
      return this.repeats[Math.floor(this.random() * this.repeats.length)] as number;
    }
    return Math.floor(this.random() * tags);
  }

  private add(name: string, count: number): number {
    const id = this.names.length;
    this.names.push(name);
    this.uses.push(0);
    for (let n = 0; n < count; n++) this.use(id);
    return id;
  }

  private use(id: number): void {
    if ((this.uses[id] as number) > 0) this.repeats.push(id);
    this.uses[id] = (this.uses[id] as number) + 1;
    this.total++;
  }
}

// first-names.ts lists names without their gender; these are its women's names that do not end in -а/-я.
const womenWithoutEnding = new Set(
  "Любовь Айгерим Айгуль Айжан Айнур Асель Асем Балжан Жанар Жибек Меруерт Салтанат Сауле Томирис Улжан Шынар Дильназ".split(" "),
);
const menWithEnding = new Set(["Никита", "Илья", "Абдулла"]);
const patronymic = /(?:ич|вна|чна)$/u;

function femaleSurname(male: string): string {
  if (/(?:ов|ев|ёв|ин|ын)$/u.test(male)) return `${male}а`;
  if (/(?:ый|ий|ой)$/u.test(male)) return `${male.slice(0, -2)}ая`; // Навальный, Толстой, Горький
  return male; // Шевченко, Саакашвили, Абрамович, Обама: the same for a woman
}

function maleSurname(female: string): string | undefined {
  if (/(?:ова|ева|ёва|ина|ына)$/u.test(female)) return female.slice(0, -1);
  if (/(?:ская|цкая)$/u.test(female)) return `${female.slice(0, -2)}ий`;
  return /[ая]$/u.test(female) ? undefined : female; // Навальная: -ый or -ой? Left out.
}

/** A surname made as many Kazakh and Russian ones are, from a father's name: Ержан → Ержанов, Сергей → Сергеев, Юрий → Юрьев. */
function surnameFromName(name: string): string | undefined {
  const plain = name.replace(/ё/gu, "е");
  if (plain.includes("-") || /[аяиоеуыэю]$/u.test(plain)) return undefined;
  const dropped = new Map([
    ["Павел", "Павлов"],
    ["Лев", "Львов"],
    ["Петр", "Петров"],
  ]).get(plain); // the vowel drops
  if (dropped) return dropped;
  if (plain.endsWith("ий")) return `${plain.slice(0, -2)}ьев`;
  if (/[йь]$/u.test(plain)) return `${plain.slice(0, -1)}ев`;
  if (/[жшчщц]$/u.test(plain)) return `${plain}ев`;
  return `${plain}ов`;
}

// Real parts of Kazakh place names (Акколь, Каратау, Кызылжар, Сарыагаш, Жанаозен, Коктобе).
const placeHeads = "Ак Кара Кызыл Сары Жана Кок Талды Баян Ески Тас Кос Бес".split(" ");
const placeTails = "жар су коль агаш булак тау тобе кум озен кудук арык сай".split(" ");
// Endings of the agency's companies' names (Казатомпром, Самрук-Энерго, КазТрансОйл).
const companyEndings = "Энерго Транс Агро Строй Газ Ойл Телеком Финанс Инвест Авто Фарм Медиа Логистик Сервис".split(" ");

/**
 * New named-entity tags from real parts: people (first names of the agency's coverage and the
 * corpus, patronymics and surnames seen in the corpus, the genders agreeing), Kazakh villages and
 * companies and clubs named after real towns. Never a tag in `taken`; adds what it returns to it.
 */
export function nameMaker(corpusTags: Iterable<string>, taken: Set<string>): (random: () => number) => string {
  const men = new Set<string>();
  const women = new Set<string>();
  for (const name of firstNames) {
    if (womenWithoutEnding.has(name) || (/[ая]$/u.test(name) && !menWithEnding.has(name))) women.add(name);
    else men.add(name);
  }
  const manPatronymics = new Set<string>();
  const womanPatronymics = new Set<string>();
  const menSurnames = new Set<string>();
  for (const tag of corpusTags) {
    // «Имя Отчество Фамилия» and «Фамилия, Имя Отчество»: the patronymic says the gender.
    const words = tag.includes(", ") ? [...(tag.split(", ")[1] ?? "").split(" "), tag.split(", ")[0] ?? ""] : tag.split(" ");
    if (!words.every((word) => /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(word))) continue;
    const [first, middle, last] = words;
    if (words.length === 3 && first && middle && last && patronymic.test(middle)) {
      const woman = middle.endsWith("вна") || middle.endsWith("чна");
      (woman ? women : men).add(first);
      (woman ? womanPatronymics : manPatronymics).add(middle);
      const surname = woman ? maleSurname(last) : last;
      if (surname) menSurnames.add(surname);
    } else if (words.length === 2 && first && middle && (men.has(first) || women.has(first)) && !placeNames.has(middle)) {
      const surname = women.has(first) ? maleSurname(middle) : middle;
      if (surname) menSurnames.add(surname);
    }
  }
  for (const name of men) {
    const surname = surnameFromName(name);
    if (surname) menSurnames.add(surname);
  }
  const lists = {
    men: [...men].sort(),
    women: [...women].sort(),
    manPatronymics: [...manPatronymics].sort(),
    womanPatronymics: [...womanPatronymics].sort(),
    surnames: [...menSurnames].sort(),
    places: [...placeNames].sort(),
  };

  function person(random: () => number): string {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const woman = random() < 0.3;
    const first = pick(woman ? lists.women : lists.men);
    const surname = woman ? femaleSurname(pick(lists.surnames)) : pick(lists.surnames);
    const form = random();
    if (form < 0.6) return `${first} ${surname}`;
    const middle = pick(woman ? lists.womanPatronymics : lists.manPatronymics);
    return form < 0.88 ? `${first} ${middle} ${surname}` : `${surname}, ${first} ${middle}`;
  }

  function other(random: () => number): string {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const kind = random();
    if (kind < 0.35) {
      const place = `${pick(placeHeads)}${pick(placeTails)}`;
      const form = random();
      return form < 0.5 ? place : `${form < 0.8 ? "село" : "посёлок"} ${place}`;
    }
    if (kind < 0.85) {
      const ending = pick(companyEndings);
      const second = random() < 0.5 ? pick(companyEndings) : ending;
      const brand = random() < 0.5 ? `${pick(lists.places)}-${ending}` : `Каз${ending}${second === ending ? "" : second}`;
      const form = random();
      return form < 0.4 ? brand : `${form < 0.7 ? "АО" : "ТОО"} «${brand}»`;
    }
    return `${random() < 0.6 ? "ФК" : "ХК"} «${pick(lists.places)}»`;
  }

  return (random) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = random() < 0.75 ? person(random) : other(random);
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    throw new Error("bench/tag-vocabulary.ts: ran out of new tag names; add first names, surnames or place parts");
  };
}
