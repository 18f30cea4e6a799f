// The repository's import graph, checked by `npm run lint`: the shared floor (`packages/`)
// never imports a service or an application, and no module imports itself through others.
// Type-only imports count: an arrow is an arrow to a reader.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const floors = ['packages', 'services', 'apps', 'e2e', 'bench'];
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFilesUnder(directory) {
  const found = [];
  for (const name of readdirSync(directory)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...sourceFilesUnder(path));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** Workspace package name → its folder and the source file of each export. */
function workspacePackages() {
  const packages = new Map();
  for (const floor of floors) {
    const folder = join(root, floor);
    if (!existsSync(folder)) continue;
    const candidates = existsSync(join(folder, 'package.json'))
      ? [folder]
      : readdirSync(folder).map((name) => join(folder, name));
    for (const candidate of candidates) {
      const manifest = join(candidate, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name, exports = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
      const sources = new Map();
      for (const [subpath, conditions] of Object.entries(exports)) {
        if (typeof conditions === 'object' && conditions.source) {
          sources.set(join(name, subpath), resolve(candidate, conditions.source));
        }
      }
      packages.set(name, { folder: candidate, sources });
    }
  }
  return packages;
}

/** The source file a relative specifier names (`./x.js` is written for `./x.ts`). */
function sourceFileOf(path) {
  const candidates = [
    path,
    path.replace(/\.js$/, '.ts'),
    path.replace(/\.js$/, '.tsx'),
    `${path}.ts`,
    `${path}.tsx`,
  ];
  candidates.push(join(path, 'index.ts'));
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

const files = floors
  .filter((floor) => existsSync(join(root, floor)))
  .flatMap((floor) => sourceFilesUnder(join(root, floor)));
const packages = workspacePackages();
const arrows = new Map();
const upwardArrows = [];
for (const file of files) {
  const targets = [];
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    let target = null;
    if (specifier.startsWith('.')) {
      target = sourceFileOf(resolve(dirname(file), specifier));
      if (target) targets.push(target);
    } else {
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      const workspace = packages.get(name);
      const source = workspace?.sources.get(specifier);
      if (source) targets.push(source);
      target = source ?? workspace?.folder ?? null;
    }
    const from = relative(root, file);
    const to = target && relative(root, target);
    if (to && from.startsWith('packages/') && (to.startsWith('services/') || to.startsWith('apps/'))) {
      upwardArrows.push(`${from} imports ${specifier} (${to})`);
    }
  }
  arrows.set(file, targets);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
const order = new Map();
const lowest = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
function visit(file) {
  order.set(file, counter);
  lowest.set(file, counter);
  counter += 1;
  stack.push(file);
  onStack.add(file);
  for (const target of arrows.get(file) ?? []) {
    if (!arrows.has(target)) continue;
    if (!order.has(target)) {
      visit(target);
      lowest.set(file, Math.min(lowest.get(file), lowest.get(target)));
    } else if (onStack.has(target)) {
      lowest.set(file, Math.min(lowest.get(file), order.get(target)));
    }
  }
  if (lowest.get(file) !== order.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(relative(root, member));
  } while (member !== file);
  if (component.length > 1) cycles.push(component.sort());
}
for (const file of files) if (!order.has(file)) visit(file);

for (const arrow of upwardArrows) console.error(`packages/ points up: ${arrow}`);
for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
if (upwardArrows.length > 0 || cycles.length > 0) process.exit(1);
console.log(`import graph: ${files.length} files, nothing in packages/ imports services/ or apps/, no cycle`);
