/**
 * Differential test: random image listings go through the real CLI (`check --images-file <file>
 * --format json`, in-process through main()) and each testcase's verdict is compared with what the official SCS test
 * would print, as transcribed in official-rules.ts and checked against the official image_metadata.py itself (its functions
 * run on these generated sets agreed with this model on 3 seeds x 1,000 sets).
 *
 * Rule: an official PASS, FAIL or ABORT must be the tool's verdict (by default it ABORTs where the official test
 * raises); FAIL is accepted for an ABORT only where a reading of the official code FAILs, or where a
 * property value is not text (only an offline file has one), never PASS. UNDETERMINED (the verdict hinges on code the transcription does not pin down) is not compared.
 * The official test keys images by name only for scs-0104; the tool runs with --collapse-duplicates, so scs-0102 must
 * still see every listed image and scs-0104 the last listed of each name.
 *
 * Seeded: SCS_DIFF_SEED (default below) and SCS_DIFF_SETS (default 200) override; SCS_DIFF_ONLY=<index> runs one set;
 * SCS_DIFF_SHOW=<n> prints an example of the n most frequent mismatch classes (default 6); SCS_DIFF_MINIMIZE=1 shrinks
 * each example (drops images, then keys) while the mismatch persists. Set i is generated from its own PRNG (seed, i),
 * so one failing set is reproduced alone with SCS_DIFF_SEED=<seed> SCS_DIFF_ONLY=<i>.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { seededRandom } from '../../../src/util/seeded-random.test-util.js';
import { generateImageSet } from './generate-images.js';
import {
  officialVerdicts,
  SCS_0102_V1_MAIN,
  SCS_0102_V2_MAIN,
  SCS_0102_V2_REC,
  SCS_0104_V1_2_MAIN,
  SCS_0104_V1_2_REC,
  type OfficialResult,
} from './official-rules.js';

const DEFAULT_SEED = 20260601;
const NOW_ISO = '2026-06-01T12:00:00Z';
const NOW = Date.parse(NOW_ISO) / 1000;

const seed = envInt('SCS_DIFF_SEED', DEFAULT_SEED);
const setCount = envInt('SCS_DIFF_SETS', 200);
const only = process.env['SCS_DIFF_ONLY'] === undefined ? undefined : envInt('SCS_DIFF_ONLY', 0);
const show = envInt('SCS_DIFF_SHOW', 6);
const minimize = process.env['SCS_DIFF_MINIMIZE'] === '1';

function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${v}: expected an integer`);
  return n;
}

/** The PRNG of set `index`: independent of the other sets, so a set is reproduced alone. */
function setRandom(index: number): () => number {
  return seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

interface Run {
  label: string;
  args: string[];
  mandatory: readonly string[];
  recommended: readonly string[];
}
const RUNS: Run[] = [
  // the version in force, forced: without -V the runner also runs the other versions of the timeline entry (select-version.test.ts)
  { label: 'scope v5.1', args: ['--scope-version', 'v5.1'], mandatory: [...SCS_0102_V1_MAIN, ...SCS_0104_V1_2_MAIN], recommended: [] },
  {
    label: 'scope next --with-recommended',
    args: ['--scope-version', 'next', '--with-recommended'],
    mandatory: [...SCS_0102_V2_MAIN, ...SCS_0104_V1_2_MAIN],
    recommended: [...SCS_0102_V2_REC, ...SCS_0104_V1_2_REC],
  },
];

interface ToolTestcase {
  id: string;
  requirement: string;
  verdict: string;
  findings: Array<{ level: string; message: string }>;
}

class Collect extends Writable {
  text = '';
  override _write(chunk: unknown, _enc: BufferEncoding, cb: () => void): void {
    this.text += String(chunk);
    cb();
  }
}

async function runTool(file: string, args: string[]): Promise<{ code: number; testcases?: ToolTestcase[]; stdout: string; stderr: string }> {
  const stdout = new Collect();
  const stderr = new Collect();
  const io: CliIO = { stdout, stderr, env: {} };
  const argv = ['node', 'scs-images', 'check', '--images-file', file, '--format', 'json', '--now', NOW_ISO, '--collapse-duplicates', ...args];
  const code = await main(argv, io);
  if (code !== 0 && code !== 1 && code !== 4) return { code, stdout: stdout.text, stderr: stderr.text };
  const report = JSON.parse(stdout.text) as { subjects: Array<{ testcases: ToolTestcase[] }> };
  return { code, testcases: report.subjects[0]!.testcases, stdout: stdout.text, stderr: stderr.text };
}

interface Mismatch {
  set: number;
  run: string;
  testcase: string;
  official: OfficialResult | { verdict: string; reason: string };
  tool: string;
  toolFindings: string[];
  images: unknown[];
}

/** The exceptions a non-text property value raises in the official code. */
const NOT_TEXT =
  /'(int|bool|float|list|dict)' object|must be str, not|is sliced or parsed|unhashable type|'NoneType' object has no attribute '(find|startswith|isdecimal)'/;

/** Does the tool's verdict satisfy the official one? */
function agrees(official: OfficialResult, tool: string): boolean {
  if (official.verdict === 'UNDETERMINED') return true;
  // the oracle's ABORT where some reading of the official code FAILs: either verdict is the official one
  if (official.verdict === 'ABORT' && official.reason.startsWith('FAIL or ABORT depending on the reading')) return tool === 'ABORT' || tool === 'FAIL';
  // a property value that is not text (JSON null, a number) raises there; Glance stores only text, so only an
  // offline file has one, and this check FAILs such a value (README, deviations)
  if (official.verdict === 'ABORT' && NOT_TEXT.test(official.reason)) return tool === 'ABORT' || tool === 'FAIL';
  // where the official test raises, this check ABORTs too by default (--strict-reading would FAIL)
  return tool === official.verdict;
}

/** A mismatch's class: testcase, verdict pair and run, plus a hint at the cause (the exception, duplicate names). */
function classOf(m: Mismatch): string {
  const seen = (m.images as Array<Record<string, unknown>>).filter(
    (i) => i['os_hidden'] !== true && (i['visibility'] === 'public' || i['visibility'] === 'community'),
  );
  const names = seen.map((i) => i['name']);
  const hints: string[] = [];
  if (m.official.verdict === 'ABORT') hints.push(m.official.reason.replace(/image (null|"[^"]*")/g, 'image X').slice(0, 90));
  if (new Set(names).size < names.length) hints.push('duplicate names');
  return `${m.testcase}: official ${m.official.verdict}, tool ${m.tool} (${m.run}${hints.length ? `; ${hints.join('; ')}` : ''})`;
}

/** One testcase of one run on `images`: the mismatch, or undefined when the verdicts agree. */
async function compareOne(
  file: string,
  images: unknown[],
  run: Run,
  testcase: string,
): Promise<Pick<Mismatch, 'official' | 'tool' | 'toolFindings'> | undefined> {
  writeFileSync(file, JSON.stringify({ images }));
  const official = officialVerdicts({ listing: images as Array<Record<string, unknown>>, now: NOW }, [testcase]).get(testcase)!;
  const tool = await runTool(file, run.args);
  const t = tool.testcases?.find((x) => x.id === testcase);
  if (t && agrees(official, t.verdict)) return undefined;
  return {
    official,
    tool: t ? t.verdict : tool.testcases ? '(testcase missing)' : `exit ${tool.code}`,
    toolFindings: (t?.findings ?? []).filter((f) => f.level !== 'info').map((f) => `${f.level}: ${f.message}`),
  };
}

/** Shrinks a mismatch's image set (whole images, then single keys) while the same class of mismatch remains. */
async function shrink(file: string, m: Mismatch): Promise<Mismatch> {
  const run = RUNS.find((r) => r.label === m.run)!;
  const same = async (images: unknown[]) => {
    const r = await compareOne(file, images, run, m.testcase);
    return r && r.official.verdict === m.official.verdict && r.tool === m.tool ? r : undefined;
  };
  let images = structuredClone(m.images) as Array<Record<string, unknown>>;
  let best = m;
  for (let i = images.length - 1; i >= 0; i--) {
    const candidate = images.filter((_, j) => j !== i);
    const r = await same(candidate);
    if (r) {
      images = candidate;
      best = { ...m, ...r, images };
    }
  }
  for (let i = 0; i < images.length; i++) {
    for (const key of Object.keys(images[i]!)) {
      if (key === 'id' || key === 'created_at') continue; // Glance always has both
      const candidate = images.map((img, j) => (j === i ? Object.fromEntries(Object.entries(img).filter(([k]) => k !== key)) : img));
      const r = await same(candidate);
      if (r) {
        images = candidate;
        best = { ...m, ...r, images };
      }
    }
  }
  return best;
}

function describeMismatch(m: Mismatch): string {
  return [
    `seed ${seed}, set ${m.set}, ${m.run}, ${m.testcase}: official ${m.official.verdict}, tool ${m.tool}${minimize ? ' (shrunk)' : ''}`,
    `  official: ${m.official.reason || '(all checks passed)'}`,
    `  tool: ${m.toolFindings.join(' | ') || '(no error findings)'}`,
    `  images: ${JSON.stringify({ images: m.images })}`,
    `  reproduce: SCS_DIFF_SEED=${seed} SCS_DIFF_ONLY=${m.set} npx vitest run --project unit test/unit/differential`,
  ].join('\n');
}

describe('differential: check --images-file against the official test rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scs-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`agrees per testcase on ${only === undefined ? setCount : 1} seeded image sets (seed ${seed})`, { timeout: 600_000 }, async () => {
    const started = performance.now();
    const mismatches: Mismatch[] = [];
    const tally = { compared: 0, undetermined: 0, officialAbort: 0, officialFail: 0, officialPass: 0 };
    const indices = only === undefined ? Array.from({ length: setCount }, (_, i) => i) : [only];
    const file = join(dir, 'images.json');
    for (const set of indices) {
      const images = generateImageSet(setRandom(set), NOW);
      writeFileSync(file, JSON.stringify({ images }));
      for (const run of RUNS) {
        const ids = [...run.mandatory, ...run.recommended];
        const official = officialVerdicts({ listing: images, now: NOW }, ids);
        const tool = await runTool(file, run.args);
        if (!tool.testcases) {
          mismatches.push({
            set,
            run: run.label,
            testcase: '(whole run)',
            official: { verdict: 'a report', reason: 'the official test reads any listing' },
            tool: `exit ${tool.code}`,
            toolFindings: [tool.stderr.trim()],
            images,
          });
          continue;
        }
        const byId = new Map(tool.testcases.map((t) => [t.id, t]));
        const expectedIds = new Map([...run.mandatory.map((id) => [id, 'mandatory'] as const), ...run.recommended.map((id) => [id, 'recommended'] as const)]);
        for (const t of tool.testcases) {
          if (expectedIds.get(t.id) !== t.requirement) {
            mismatches.push({
              set,
              run: run.label,
              testcase: t.id,
              official: { verdict: expectedIds.has(t.id) ? `${expectedIds.get(t.id)}` : 'not run', reason: 'testcase set of the scope' },
              tool: `${t.requirement} ${t.verdict}`,
              toolFindings: [],
              images,
            });
          }
        }
        for (const id of ids) {
          const o = official.get(id)!;
          const t = byId.get(id);
          if (o.verdict === 'UNDETERMINED') tally.undetermined++;
          else {
            tally.compared++;
            if (o.verdict === 'ABORT') tally.officialAbort++;
            else if (o.verdict === 'FAIL') tally.officialFail++;
            else tally.officialPass++;
          }
          if (t && agrees(o, t.verdict)) continue;
          mismatches.push({
            set,
            run: run.label,
            testcase: id,
            official: o,
            tool: t ? t.verdict : '(testcase missing)',
            toolFindings: (t?.findings ?? []).filter((f) => f.level !== 'info').map((f) => `${f.level}: ${f.message}`),
            images,
          });
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `differential: seed ${seed}, ${indices.length} set(s), ${tally.compared} verdicts compared (official PASS ${tally.officialPass}, ` +
        `FAIL ${tally.officialFail}, ABORT ${tally.officialAbort}), ${tally.undetermined} undetermined, ${mismatches.length} mismatch(es), ${seconds.toFixed(1)} s`,
    );
    if (mismatches.length > 0) {
      // one class per testcase, run and verdict pair; its example is the mismatch with the fewest images
      const classes = new Map<string, Mismatch[]>();
      for (const m of mismatches) classes.set(classOf(m), [...(classes.get(classOf(m)) ?? []), m]);
      const ranked = [...classes].sort((a, b) => b[1].length - a[1].length);
      const examples: string[] = [];
      for (const [, ms] of ranked.slice(0, show)) {
        const smallest = ms.reduce((a, b) => (b.images.length < a.images.length ? b : a));
        examples.push(describeMismatch(minimize ? await shrink(file, smallest) : smallest));
      }
      expect.fail(
        [
          `${mismatches.length} testcase verdict(s) differ from the official test's (seed ${seed}, ${indices.length} sets), in ${classes.size} classes:`,
          ...ranked.map(([k, ms]) => `  ${ms.length} × ${k}`),
          `an example of the ${examples.length} most frequent (SCS_DIFF_SHOW=<n> for more, SCS_DIFF_MINIMIZE=1 to shrink them):`,
          ...examples,
        ].join('\n'),
      );
    }
  });
});
