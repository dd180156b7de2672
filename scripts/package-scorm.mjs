#!/usr/bin/env node
/**
 * `npm run package:scorm`: the production build (dist/) as a SCORM 1.2 package,
 * dist-scorm/hyperv-visualizer-scorm12.zip, with imsmanifest.xml at the zip's root.
 *
 * One SCO per lesson: the organization lists every lesson as an item, each launching the same
 * resource (index.html) with `?scorm=<lessonId>`; the LMS keeps a status, a score and a resume
 * point per lesson (why: src/view/scorm/README.md). The app's files are packed once.
 *
 * Left out: source maps, the offline single-file copy, the service worker (never registered in a
 * SCORM launch) and the embedding example. Zipped with fflate (deflate; a devDependency, also used
 * by e2e/scorm.spec.ts to read the package back).
 *
 * `--dist DIR` and `--out FILE` override the folders (the e2e test packs into a temp folder).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const dist = arg('--dist', join(root, 'dist'));
const out = arg('--out', join(root, 'dist-scorm', 'hyperv-visualizer-scorm12.zip'));

const SKIP = [/\.map$/, /^hyperv-visualizer\.html$/, /^sw\.js$/, /^workbox-[^/]+\.js$/, /^example\//, /^\.vite\//];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(dist, full).split(sep).join('/')];
  });
}

let files;
try {
  files = walk(dist).filter((f) => !SKIP.some((re) => re.test(f))).sort();
} catch {
  console.error(`package-scorm: ${dist} is missing; run \`npm run build\` first.`);
  process.exit(2);
}
if (!files.includes('index.html')) {
  console.error(`package-scorm: ${dist}/index.html is missing; run \`npm run build\` first.`);
  process.exit(2);
}

// The lessons, in the app's order, with their English titles (the LMS shows these).
// Read from the lesson data itself (through tsx's loader), not from its source text: lessons are
// defined in more than one file (src/lessons/scaleLessons.ts holds the vRSS and offloads lessons).
const { tsImport } = await import('tsx/esm/api');
const { LESSONS } = await tsImport(join(root, 'src/lessons/lessons.ts'), import.meta.url);
const ids = LESSONS.map((l) => l.id);
const en = JSON.parse(readFileSync(join(root, 'src/i18n/locales/en.json'), 'utf8'));
if (ids.length < 1 || ids.some((id) => !en.lessons?.[id]?.title)) {
  console.error(`package-scorm: could not read the lesson list (found ${ids.join(', ') || 'none'}).`);
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hyperv-visualizer-scorm12" version="${xml(pkg.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="hvv-lessons">
    <organization identifier="hvv-lessons">
      <title>Hyper-V Visualizer: guided lessons</title>
${ids
  .map(
    (id, i) => `      <item identifier="lesson-${xml(id)}" identifierref="hvv-app" isvisible="true" parameters="?scorm=${xml(id)}">
        <title>${i + 1}. ${xml(en.lessons[id].title)}</title>
      </item>`,
  )
  .join('\n')}
    </organization>
  </organizations>
  <resources>
    <resource identifier="hvv-app" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;

const entries = { 'imsmanifest.xml': new TextEncoder().encode(manifest) };
for (const f of files) entries[f] = readFileSync(join(dist, f));
const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`${relative(process.cwd(), out) || out}: ${ids.length} SCOs (one per lesson), ${files.length} files, ${kib(zip.length)}`);
