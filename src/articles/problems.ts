/**
 * Everything wrong with the articles in one build, collected so an editor sees all of it at once
 * rather than one problem per build.
 */
export class ArticleProblems {
  // A Set per file: a file read twice in one build (watch mode) reports each problem once.
  private readonly byFile = new Map<string, Set<string>>();

  /** Forgets what was said of a file: it is being read again. */
  clear(file: string): void {
    this.byFile.delete(file);
  }

  add(file: string, field: string, problem: string): void {
    const list = this.byFile.get(file) ?? new Set<string>();
    list.add(`${file}: ${field}: ${problem}`);
    this.byFile.set(file, list);
  }

  has(file: string): boolean {
    return (this.byFile.get(file)?.size ?? 0) > 0;
  }

  get count(): number {
    let n = 0;
    for (const list of this.byFile.values()) n += list.size;
    return n;
  }

  /** Throws one error that lists every problem, file by file, if there are any. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const lines = [...this.byFile.keys()].sort().flatMap((file) => [...(this.byFile.get(file) ?? [])]);
    const noun = lines.length === 1 ? "problem" : "problems";
    throw new Error(`Vestnik: ${lines.length} ${noun} in the articles; fix them and build again:\n  ${lines.join("\n  ")}`);
  }
}
