/**
 * Places the agency writes about that the morphology dictionary does not know (it predates
 * Astana's renamings and knows few Kazakh towns). A place is a tag of its own, so «Астана Алматы»
 * is two tags, not a foreign name.
 */
const places = `
Астана Нур-Султан Алматы Шымкент Актау Актобе Атырау Караганда Костанай Кызылорда Павлодар Петропавловск
Семей Талдыкорган Тараз Туркестан Уральск Усть-Каменогорск Кокшетау Жезказган Экибастуз Темиртау Конаев
Курык Байконур Балхаш Жанаозен Сатпаев Рудный Степногорск Аральск Бурабай Боровое Медеу Мангистау Жетысу
Улытау Ташкент Самарканд Бухара Бишкек Ош Душанбе Ашхабад Баку Тбилиси Ереван Минск Москва Пекин Урумчи
`;

export const placeNames: ReadonlySet<string> = new Set(places.split(/\s+/).filter((name) => name !== ""));
