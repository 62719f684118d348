const plural = new Intl.PluralRules("ru");
const resultWord: Record<string, string> = { one: "результат", few: "результата", many: "результатов", other: "результата" };

/** «1 результат», «2 результата», «5 результатов», «21 результат» — Pagefind's own UI says «2 результатов». */
export function countResults(count: number): string {
  return `${count} ${resultWord[plural.select(count)] ?? "результатов"}`;
}
