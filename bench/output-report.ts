/**
 * What `npm run bench` prints about a built site's bytes, and issue 18's targets checked against one
 * run. Where the bytes are comes from the build's own summary (src/build/output-size.ts), so the
 * bench and `npm run build` never disagree. GitHub Pages publishes a site of at most 1 GB: sizes
 * here are MB of 10⁶ bytes, summed file sizes. The targets are printed, never asserted by a test:
 * timings depend on the machine and on what else runs on it.
 */
import { type OutputKind, type OutputSummary, outputKinds } from "../src/build/output-size.ts";

/** «628.1 MB»: decimal, as GitHub states its 1 GB limit. */
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 1)} MB`;
const count = (n: number) => n.toLocaleString("en-US");

/** One line for the total, then a line per kind of file with its bytes, share and files. */
export function describeOutput(summary: OutputSummary, tags: number): string {
  const lines = [`output: ${megabytes(summary.bytes)} in ${count(summary.files)} files (${count(tags)} tags)`];
  for (const [kind, name] of Object.entries(outputKinds) as [OutputKind, string][]) {
    const { files, bytes } = summary.byKind[kind];
    const share = summary.bytes === 0 ? 0 : (100 * bytes) / summary.bytes;
    lines.push(
      `  ${`${name}:`.padEnd(18)} ${megabytes(bytes).padStart(10)} ${`${share.toFixed(1)} %`.padStart(7)} ${count(files).padStart(9)} files`,
    );
  }
  return lines.join("\n");
}

/** The figures of one run that issue 18's targets are about. */
export interface RunFigures {
  articles: number;
  outputBytes: number;
  /** The production build without a cache folder, wall time in s. */
  buildSeconds: number;
  /** Peak RSS of the build's whole process tree, in bytes. */
  peakBytes: number;
  /** Hugo's build of the same articles in the same run, in s; absent without Hugo. */
  hugoSeconds?: number;
  /** A first visit to an article: bytes transferred (gzipped) in the 30 s after load (bench/first-visit.ts). */
  firstVisitBytes?: number;
  /** Whether the search made online on that visit worked offline at once. */
  searchWorksOffline?: boolean;
  /** Median query time over plain Pagefind's on the same pages (bench/query-latency.ts). */
  queryMedianRatio?: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** `undefined` when this run did not measure it. */
  met: boolean | undefined;
}

const gibibyte = 1024 ** 3;
const notMeasured = "not measured in this run";

/** Issue 18's targets for this run's article count: at 50,000 and 10,000 articles; none at other counts. */
export function issueTargets(run: RunFigures): TargetCheck[] {
  const output = (limit: number): TargetCheck => ({
    target: `output ≤ ${limit} MB`,
    measured: megabytes(run.outputBytes),
    met: run.outputBytes <= limit * 1e6,
  });
  if (run.articles === 50_000) {
    return [
      output(800),
      { target: "cold build ≤ 180 s", measured: `${run.buildSeconds.toFixed(1)} s`, met: run.buildSeconds <= 180 },
      { target: "peak memory ≤ 3 GiB", measured: `${(run.peakBytes / gibibyte).toFixed(2)} GiB`, met: run.peakBytes <= 3 * gibibyte },
      run.firstVisitBytes === undefined
        ? { target: "first visit to an article ≤ 1 MB in 30 s", measured: notMeasured, met: undefined }
        : {
            target: "first visit to an article ≤ 1 MB in 30 s",
            measured: `${megabytes(run.firstVisitBytes)} gzipped`,
            met: run.firstVisitBytes <= 1e6,
          },
      {
        target: "a search made online works offline after",
        measured: run.searchWorksOffline === undefined ? notMeasured : run.searchWorksOffline ? "yes" : "no",
        met: run.searchWorksOffline,
      },
      {
        target: "median query ≤ 2× plain Pagefind's",
        measured: run.queryMedianRatio === undefined ? notMeasured : `${run.queryMedianRatio.toFixed(2)}×`,
        met: run.queryMedianRatio === undefined ? undefined : run.queryMedianRatio <= 2,
      },
    ];
  }
  if (run.articles === 10_000) {
    const ratio = run.hugoSeconds === undefined ? undefined : run.buildSeconds / run.hugoSeconds;
    return [
      output(180),
      {
        target: "build ≤ 2× Hugo's in the same run",
        measured:
          ratio === undefined
            ? "no Hugo in this run"
            : `${ratio.toFixed(2)}× (${run.buildSeconds.toFixed(1)} s / ${run.hugoSeconds?.toFixed(1)} s)`,
        met: ratio === undefined ? undefined : ratio <= 2,
      },
    ];
  }
  return [];
}

/** The checklist as printed: «[met] output ≤ 180 MB: 152.3 MB». */
export function describeTargets(articles: number, checks: TargetCheck[]): string {
  if (checks.length === 0) return `issue 18 targets: none at ${count(articles)} articles (they are set at 10,000 and 50,000)`;
  const mark = (met: boolean | undefined) => (met === undefined ? "[ ? ]" : met ? "[met]" : "[NOT met]");
  return [
    `issue 18 targets at ${count(articles)} articles:`,
    ...checks.map((check) => `  ${mark(check.met)} ${check.target}: ${check.measured}`),
  ].join("\n");
}
