import { expect, test, type Frame, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { LESSONS } from '../src/lessons/lessons';

/**
 * The SCORM 1.2 package (`npm run package:scorm`, scripts/package-scorm.mjs) in an LMS: a page of
 * this test provides the LMS side with scorm-again's Scorm12API as `window.API` and launches the
 * package's first lesson in a frame, the way Moodle does. The learner answers the lesson's question
 * and walks to the end; the values the LMS received are checked, then a second launch with the
 * stored data resumes where the first left off.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const LESSON = LESSONS[0]!;
const QUESTION_STEP = LESSON.steps.findIndex((s) => s.question);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.xml': 'application/xml' };

// The LMS: scorm-again's API on this window, the SCO in a frame, every LMS call recorded.
const LMS_PAGE = `<!doctype html><html><head><title>LMS</title><script src="/scorm-again.js"></script><script>
window.calls = [];
window.launch = (href, stored) => {
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (stored) window.API.loadFromJSON(stored, 'cmi');
  for (const ev of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) window.API.on(ev, () => window.calls.push([ev]));
  window.API.on('LMSSetValue.cmi.*', (el, v) => window.calls.push(['set', el, v]));
  const f = document.createElement('iframe');
  f.title = 'SCO'; f.src = href; f.style.cssText = 'width:1500px;height:860px;border:0';
  document.body.append(f);
};
</script></head><body style="margin:0"></body></html>`;

let server: Server;
let origin = '';
let files: Record<string, Uint8Array> = {};
let manifest = '';

test.beforeAll(() => {
  expect(existsSync(join(root, 'dist/index.html')), 'run `npm run build` first').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'hvv-scorm-'));
  const zip = join(dir, 'package.zip');
  execFileSync(process.execPath, [join(root, 'scripts/package-scorm.mjs'), '--out', zip]);
  files = unzipSync(readFileSync(zip));
  rmSync(dir, { recursive: true, force: true });
  manifest = new TextDecoder().decode(files['imsmanifest.xml']);
  const againJs = readFileSync(join(root, 'node_modules/scorm-again/dist/scorm12.js'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path === '/lms.html' ? LMS_PAGE : path === '/scorm-again.js' ? againJs : path.startsWith('/pkg/') ? files[path.slice(5)] : undefined;
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise<void>((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
      ok();
    }),
  );
});
test.afterAll(() => server?.close());

/** The item's launch URL as the LMS builds it: the resource's href plus the item's parameters. */
function launchUrl(lessonId: string): string {
  const item = new RegExp(`<item identifier="lesson-${lessonId}" identifierref="hvv-app"[^>]*parameters="([^"]+)"`).exec(manifest);
  expect(item, `an item for ${lessonId}`).not.toBeNull();
  return `/pkg/index.html${item![1]!.replace(/&amp;/g, '&')}`;
}

async function launch(page: Page, stored?: unknown): Promise<Frame> {
  await page.goto(`${origin}/lms.html`);
  await page.evaluate(([href, s]) => (window as unknown as { launch(h: string, s?: unknown): void }).launch(href as string, s), [launchUrl(LESSON.id), stored] as const);
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames()[1]!;
  await expect(frame.getByTestId('lesson-step-counter')).toBeVisible({ timeout: 15_000 });
  return frame;
}

type Call = [string, string?, string?];
const lastSet = (calls: Call[], el: string) => calls.filter((c) => c[0] === 'set' && c[1] === el).at(-1)?.[2];
const calls = (page: Page) => page.evaluate(() => (window as unknown as { calls: Call[] }).calls);
const cmi = (page: Page, el: string) => page.evaluate((e) => (window as unknown as { API: { LMSGetValue(e: string): string } }).API.LMSGetValue(e), el);

test('the package: imsmanifest.xml at the root, one SCO per lesson, every file listed', () => {
  expect(Object.keys(files)[0]).toBe('imsmanifest.xml');
  expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
  expect(manifest.match(/<item /g)).toHaveLength(LESSONS.length);
  for (const f of Object.keys(files).filter((f) => f !== 'imsmanifest.xml')) expect(manifest).toContain(`<file href="${f}"/>`);
  expect(Object.keys(files).some((f) => /\.map$|^sw\.js$|hyperv-visualizer\.html/.test(f))).toBe(false);
});

test('a lesson in an LMS: status, score, session time and resume reach the LMS through scorm-again', async ({ page, context }) => {
  test.setTimeout(90_000);
  const frame = await launch(page);
  const counter = frame.getByTestId('lesson-step-counter');
  const total = LESSON.steps.length;
  await expect(counter).toHaveText(`1 / ${total}`);
  expect(await cmi(page, 'cmi.core.lesson_status')).toBe('incomplete');

  // Walk to the question, answer it, and leave mid-lesson.
  for (let s = 1; s <= QUESTION_STEP; s++) await frame.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(counter).toHaveText(`${QUESTION_STEP + 1} / ${total}`);
  const question = frame.getByTestId('lesson-question');
  await question.locator('[data-choice]').first().click();
  const result = question.getByTestId('quiz-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  const correct = (await result.getAttribute('data-correct')) === 'true';
  const score = correct ? '100' : '0';
  await expect.poll(() => cmi(page, 'cmi.core.score.raw')).toBe(score);
  expect(await cmi(page, 'cmi.core.score.min')).toBe('0');
  expect(await cmi(page, 'cmi.core.score.max')).toBe('100');
  await frame.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(counter).toHaveText(`${QUESTION_STEP + 2} / ${total}`);
  await frame.evaluate(() => (window as unknown as { hvvScormFinish(): void }).hvvScormFinish());

  const first = await calls(page);
  expect(first[0]).toEqual(['LMSInitialize']);
  expect(first.at(-1)).toEqual(['LMSFinish']);
  expect(lastSet(first, 'cmi.core.exit')).toBe('suspend');
  expect(lastSet(first, 'cmi.core.session_time')).toMatch(/^\d{2,4}:\d\d:\d\d\.\d\d$/);
  const suspend = lastSet(first, 'cmi.suspend_data')!;
  expect(suspend.length).toBeLessThanOrEqual(4096);
  expect(JSON.parse(suspend)).toEqual({ v: 1, s: QUESTION_STEP + 1, q: { [QUESTION_STEP]: correct ? 1 : 0 } });
  expect(first.filter((c) => c[0] === 'LMSCommit').length).toBeGreaterThan(1);

  // The next launch: the LMS hands back what it stored; the learner is where they left.
  const stored = { core: { entry: 'resume', lesson_status: 'incomplete', lesson_location: lastSet(first, 'cmi.core.lesson_location'), score: { raw: score, min: '0', max: '100' } }, suspend_data: suspend };
  const page2 = await context.newPage();
  const again = await launch(page2, stored);
  const counter2 = again.getByTestId('lesson-step-counter');
  await expect(counter2).toHaveText(`${QUESTION_STEP + 2} / ${total}`);
  for (let s = QUESTION_STEP + 2; s <= total; s++) await again.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(again.getByTestId('lesson-complete')).toBeVisible();
  await expect.poll(() => cmi(page2, 'cmi.core.lesson_status')).toBe('completed');
  // Closing the frame ends the session (pagehide).
  await page2.evaluate(() => document.querySelector('iframe')!.remove());
  const second = await calls(page2);
  expect(second.at(-1)).toEqual(['LMSFinish']);
  expect(lastSet(second, 'cmi.core.exit')).toBe('');
  expect(lastSet(second, 'cmi.core.score.raw')).toBeUndefined(); // the answer was kept, not asked again
  expect(await cmi(page2, 'cmi.core.score.raw')).toBe(score);
  expect(JSON.parse(lastSet(second, 'cmi.suspend_data')!)).toEqual({ v: 1, s: total, q: { [QUESTION_STEP]: correct ? 1 : 0 } });
});

test('without an LMS the package is the normal app with the lesson open', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}${launchUrl(LESSON.id)}`);
  await expect(page.getByTestId('lesson-step-counter')).toHaveText(`1 / ${LESSON.steps.length}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(page.getByTestId('lesson-step-counter')).toHaveText(`2 / ${LESSON.steps.length}`);
  expect(errors).toEqual([]);
});
