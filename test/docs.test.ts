import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The docs a newsroom reads stay true to the code: README.md's options table against the
 * `VestnikOptions` interface of src/options.ts (read with the TypeScript compiler, so a doc comment or
 * a default cannot fool it), README.md's size, and every relative link of README.md and docs/*.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const optionsFile = "src/options.ts";
const readmeLimit = 15 * 1024;

/** One option as src/options.ts declares it. */
interface DeclaredOption {
  name: string;
  required: boolean;
  /** The declared type, whitespace collapsed; `object` for an inline object type. */
  type: string;
  /** Sub-options that may be documented as `parent.child` rows. */
  members: DeclaredOption[];
}

/** One row of README.md's options table. */
interface DocumentedOption {
  name: string;
  type: string;
  defaultValue: string;
  line: number;
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/** The properties of `VestnikOptions`, with the members of nested option types declared in the same file. */
function declaredOptions(source: string, fileName = optionsFile): DeclaredOption[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement);
  }
  const membersOf = (type: ts.TypeNode | undefined, seen: Set<string>): DeclaredOption[] => {
    if (!type) return [];
    if (ts.isTypeLiteralNode(type)) return optionsOf(type.members, seen);
    if (ts.isUnionTypeNode(type)) return type.types.flatMap((part) => membersOf(part, seen));
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName.text;
      if (seen.has(name)) return [];
      const declared = interfaces.get(name);
      if (declared) return optionsOf(declared.members, new Set([...seen, name]));
      const alias = aliases.get(name);
      if (alias) return membersOf(alias.type, new Set([...seen, name]));
    }
    return [];
  };
  const optionsOf = (members: ts.NodeArray<ts.TypeElement>, seen: Set<string>): DeclaredOption[] =>
    members.filter(ts.isPropertySignature).map((member) => ({
      name: member.name.getText(file).replace(/^["']|["']$/g, ""),
      required: member.questionToken === undefined,
      type: member.type && ts.isTypeLiteralNode(member.type) ? "object" : collapse(member.type?.getText(file) ?? "unknown"),
      members: membersOf(member.type, seen),
    }));
  const options = interfaces.get("VestnikOptions");
  if (!options) throw new Error(`${fileName} declares no \`interface VestnikOptions\`; the options table is checked against it`);
  return optionsOf(options.members, new Set(["VestnikOptions"]));
}

/** Strips a cell's Markdown: backticks, and the `\|` a table needs for a union's bar. */
const cellText = (cell: string) => collapse(cell.replace(/\\\|/g, "|").replace(/`/g, ""));

/** The rows of the first table under the `## Options` heading of a README. */
function documentedOptions(readme: string): DocumentedOption[] {
  const lines = readme.split("\n");
  const heading = lines.findIndex((line) => /^##\s+Options\s*$/i.test(line));
  if (heading < 0) throw new Error("README.md has no `## Options` section; the options table belongs there");
  const rows: DocumentedOption[] = [];
  let columns: string[] | undefined;
  for (let index = heading + 1; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (/^#{1,2}\s/.test(line)) break;
    if (!line.startsWith("|")) {
      if (columns && rows.length > 0) break;
      continue;
    }
    // Split on bars that are not escaped: a union type is written `boolean \| string`.
    const cells = line
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    if (!columns) {
      columns = cells.map((cell) => cellText(cell).toLowerCase());
      continue;
    }
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    const cell = (column: string) => {
      const at = columns?.indexOf(column) ?? -1;
      if (at < 0) throw new Error(`README.md's options table needs a «${column}» column; it has: ${columns?.join(", ")}`);
      return cells[at] ?? "";
    };
    rows.push({ name: cellText(cell("option")), type: cellText(cell("type")), defaultValue: cellText(cell("default")), line: index + 1 });
  }
  if (rows.length === 0) throw new Error("README.md's `## Options` section has no table of options");
  return rows;
}

/** What is wrong with the table, one sentence each, saying what to add, remove or correct. */
function optionTableProblems(declared: DeclaredOption[], documented: DocumentedOption[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, DeclaredOption>();
  const walk = (options: DeclaredOption[], prefix: string) => {
    for (const option of options) {
      byName.set(prefix + option.name, option);
      walk(option.members, `${prefix}${option.name}.`);
    }
  };
  walk(declared, "");
  const rowNames = new Set(documented.map((row) => row.name));
  for (const option of declared) {
    if (!rowNames.has(option.name)) {
      problems.push(
        `Add a row for \`${option.name}\` to README.md's options table: ${optionsFile} declares it in VestnikOptions ` +
          `(| \`${option.name}\` | \`${option.type.replace(/\|/g, "\\|")}\` | ${option.required ? "required" : "its default"} | what it does |)`,
      );
    }
  }
  const seen = new Set<string>();
  for (const row of documented) {
    if (seen.has(row.name)) problems.push(`README.md line ${row.line}: \`${row.name}\` has a second row; keep one`);
    seen.add(row.name);
    const option = byName.get(row.name);
    if (!option) {
      problems.push(
        `Remove the row for \`${row.name}\` (README.md line ${row.line}): ${optionsFile} has no such option in VestnikOptions` +
          (row.name.includes(".") ? " or in the type of its parent option" : ""),
      );
      continue;
    }
    if (row.type !== option.type) {
      problems.push(
        `README.md line ${row.line}: \`${row.name}\` is typed \`${option.type}\` in ${optionsFile}, the table says \`${row.type}\``,
      );
    }
    const saysRequired = /\brequired\b/i.test(row.defaultValue);
    if (option.required !== saysRequired) {
      problems.push(
        `README.md line ${row.line}: \`${row.name}\` is ${option.required ? "required" : "optional"} in ${optionsFile}; ` +
          (option.required ? "its default cell should say «required»" : "give its default instead of «required»"),
      );
    }
  }
  return problems;
}

/** Relative link targets of a Markdown file, outside code; `#anchors` and web addresses left out. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
  const targets = [
    ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? ""),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1] ?? ""),
    ...[...prose.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1] ?? ""),
  ];
  return targets.filter((target) => target !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  return new Set(
    [...prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) =>
      (match[1] ?? "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    ),
  );
}

const readme = () => readFileSync(path.join(root, "README.md"), "utf8");
const docsFiles = () =>
  readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);

describe("the options table of README.md", () => {
  it("lists every option of VestnikOptions, and no option that does not exist, with its type", () => {
    const problems = optionTableProblems(declaredOptions(readFileSync(path.join(root, optionsFile), "utf8")), documentedOptions(readme()));
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("says which option to add and which row to remove when the table and the code disagree", () => {
    const source = `export interface CmsRepository { repo: string; branch?: string }
      export interface VestnikOptions { title: string; search?: boolean; cms?: CmsRepository | false; pages?: { tags?: string | false } }`;
    const table = [
      "## Options",
      "| option | type | default | meaning |",
      "|---|---|---|---|",
      "| `title` | `string` | required | name |",
      "| `search` | `number` | `true` | search |",
      "| `cms` | `CmsRepository \\| false` | `false` | desk |",
      "| `cms.branch` | `string` | `main` | branch |",
      "| `cms.owner` | `string` | — | nothing |",
      "| `pages` | `object` | required | pages |",
      "| `searchPages` | `boolean` | `true` | gone |",
    ].join("\n");
    const declared = declaredOptions(source, "options.ts");
    expect(declared.map((option) => `${option.name}: ${option.type}`)).toEqual([
      "title: string",
      "search: boolean",
      "cms: CmsRepository | false",
      "pages: object",
    ]);
    const problems = optionTableProblems(declared, documentedOptions(table));
    expect(problems).toEqual([
      expect.stringContaining("`search` is typed `boolean` in src/options.ts, the table says `number`"),
      expect.stringContaining("Remove the row for `cms.owner` (README.md line 8)"),
      expect.stringContaining("`pages` is optional in src/options.ts; give its default instead of «required»"),
      expect.stringContaining("Remove the row for `searchPages` (README.md line 10): src/options.ts has no such option"),
    ]);
    const missing = optionTableProblems(declared, documentedOptions(table.replace(/\n\| `title`[^\n]*/, "")));
    expect(missing[0]).toMatch(/^Add a row for `title` to README.md's options table: .*\| `title` \| `string` \| required \|/);
  });
});

describe("README.md", () => {
  it(`stays under ${readmeLimit / 1024} KB, so a newsroom reads it in one sitting`, () => {
    const bytes = Buffer.byteLength(readme());
    expect(bytes, `README.md is ${bytes} bytes; move detail into docs/ to get under ${readmeLimit}`).toBeLessThanOrEqual(readmeLimit);
  });

  it("opens with the two quick-start commands that work on a fresh clone", () => {
    const text = readme();
    const start = text.indexOf("npm install && npm start");
    const test = text.indexOf("npm install && npm test");
    expect(start, "README.md shows `npm install && npm start`").toBeGreaterThan(0);
    expect(test, "README.md shows `npm install && npm test`").toBeGreaterThan(0);
    expect(Math.max(start, test), "the quick start comes before the rest of the README").toBeLessThan(text.length / 4);
  });
});

describe("links in README.md and docs/", () => {
  it("point to files that exist in the repository, and to headings that exist in them", () => {
    const broken: string[] = [];
    for (const file of ["README.md", ...docsFiles()]) {
      for (const target of relativeLinks(readFileSync(path.join(root, file), "utf8"))) {
        const [targetPath = "", anchor] = target.split("#");
        const resolved = targetPath === "" ? file : path.normalize(path.join(path.dirname(file), decodeURIComponent(targetPath)));
        if (!existsSync(path.join(root, resolved))) {
          broken.push(`${file}: the link to ${target} points to ${resolved}, which does not exist`);
        } else if (anchor && resolved.endsWith(".md") && !headingAnchors(readFileSync(path.join(root, resolved), "utf8")).has(anchor)) {
          broken.push(`${file}: the link to ${target} names #${anchor}, which is no heading of ${resolved}`);
        }
      }
    }
    expect([...new Set(broken)], [...new Set(broken)].join("\n")).toEqual([]);
  });

  it("reach every page of docs/ from README.md", () => {
    const linked = new Set(relativeLinks(readme()).map((target) => target.split("#")[0]));
    const orphans = docsFiles().filter((file) => !linked.has(file));
    expect(orphans, `README.md links to no ${orphans.join(", ")}: add it to «Documentation»`).toEqual([]);
  });

  it("are found in prose and left alone in code, and anchors are named as GitHub names them", () => {
    const markdown =
      "See [search](docs/search.md#parts), ![logo](src/theme/logo.svg) and [site](https://example.org).\n```\n[no](nowhere.md)\n```\n`[no](x.md)`";
    expect(relativeLinks(markdown)).toEqual(["docs/search.md#parts", "src/theme/logo.svg"]);
    expect(headingAnchors("# Search\n## 10,000 articles\n## Patches of Eleventy's internals\n```\n# not a heading\n```")).toEqual(
      new Set(["search", "10000-articles", "patches-of-eleventys-internals"]),
    );
  });
});

describe("the theme the README documents", () => {
  const filesUnder = (folder: string, ending: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const full = path.join(folder, name);
      if (name === "node_modules" || name.startsWith(".") || name === "_site") return [];
      return statSync(full).isDirectory() ? filesUnder(full, ending) : name.endsWith(ending) ? [full] : [];
    });

  it("names only layouts the theme has, and sets only CSS custom properties its stylesheet defines", () => {
    const text = readme();
    const layouts = new Set(filesUnder(root, ".njk").map((file) => path.basename(file)));
    const css = filesUnder(path.join(root, "src"), ".css")
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const missing = [
      ...[...new Set(text.match(/\b[\w-]+\.njk\b/g) ?? [])].filter((name) => !layouts.has(name)).map((name) => `layout ${name}`),
      ...[...new Set([...text.matchAll(/^```css\n([\s\S]*?)^```/gm)].flatMap((block) => block[1]?.match(/--[\w-]+(?=\s*:)/g) ?? []))]
        .filter((property) => !new RegExp(`${property}\\s*:`).test(css))
        .map((property) => `CSS custom property ${property}`),
    ];
    expect(missing, `README.md names what the theme does not have: ${missing.join(", ")}`).toEqual([]);
  });
});
