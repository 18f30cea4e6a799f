// Structural checks that the off-the-shelf validators used by deploy/validate.sh miss.
//
//   node deploy/validate-files.mjs compose SOURCE RENDERED PUBLIC
//       SOURCE: deploy/compose.yaml; RENDERED: the output of `docker-compose config`;
//       PUBLIC: comma-separated services that may publish ports.
//       Every service has a health check; every depends_on names a service with one and
//       waits for it to be healthy; only PUBLIC services publish ports; images are pinned;
//       a secret-looking variable is never given a value or a default in SOURCE, only
//       ${VAR:?message}.
//   node deploy/validate-files.mjs gitlab FILE
//       Stages are declared, every job's stage is one of them, jobs have a script, use
//       only known keywords, and extend/need jobs that exist.
//   node deploy/validate-files.mjs dockerfile FILE
//       Base images are pinned, COPY --from names an earlier stage, and every stage that
//       can be a final image (not the base of another) runs as a non-root user, has a
//       HEALTHCHECK and a CMD or ENTRYPOINT.
//   node deploy/validate-files.mjs dashboard FILE ROOT
//       A Grafana dashboard: the JSON parses, panels have unique ids and a grid position,
//       every panel that queries has targets with a PromQL expr, and every metric an expr
//       names is one the code under ROOT defines: a `name: '…'` in the TypeScript of
//       packages/*/src or services/*/src, or a default metric of prom-client (process_*,
//       nodejs_*), with a histogram's _bucket, _sum and _count.
//
// Prints each problem and exits 1 if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const problems = new Set();
const report = (message) => problems.add(message);

function loadYaml(file) {
  // YAML 1.1 with merge keys: how docker-compose (PyYAML) and GitLab (Psych) read it.
  const document = parseDocument(readFileSync(file, 'utf8'), {
    version: '1.1',
    merge: true,
    uniqueKeys: true,
  });
  for (const error of document.errors) report(`${file}: YAML: ${error.message.split('\n')[0]}`);
  return document.errors.length > 0 ? {} : (document.toJS({ maxAliasCount: 100 }) ?? {});
}

function isPinnedImage(image) {
  if (typeof image !== 'string' || image === '') return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.split('/').pop();
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : '';
  return tag !== '' && tag !== 'latest';
}

// ---------------------------------------------------------------------------------------

const secretName = /(PASSWORD|SECRET|PRIVATE_KEY|TOKEN|_DATABASE_URL|CLIENT_ID|WEBHOOK_ID)$/;

function checkCompose(sourceFile, renderedFile, publicList) {
  const source = loadYaml(sourceFile);
  const rendered = loadYaml(renderedFile);
  const allowedPublic = new Set(publicList.split(',').filter(Boolean));
  const services = rendered.services ?? {};
  if (Object.keys(services).length === 0) report(`${renderedFile}: no services`);
  for (const [name, service] of Object.entries(services)) {
    const healthcheck = service.healthcheck;
    const healthy =
      healthcheck &&
      healthcheck.disable !== true &&
      Array.isArray(healthcheck.test) &&
      healthcheck.test[0] !== 'NONE';
    if (!healthy) report(`compose: service ${name} has no health check`);
    if (!isPinnedImage(service.image))
      report(`compose: service ${name}: image "${service.image ?? ''}" is not pinned to a tag`);
    if ((service.ports ?? []).length > 0 && !allowedPublic.has(name)) {
      report(`compose: service ${name} publishes ports; only ${[...allowedPublic].join(', ')} may`);
    }
    const dependsOn = service.depends_on ?? {};
    for (const [dependency, condition] of Object.entries(
      Array.isArray(dependsOn) ? Object.fromEntries(dependsOn.map((item) => [item, {}])) : dependsOn,
    )) {
      const target = services[dependency];
      if (!target) {
        report(`compose: service ${name} depends on ${dependency}, which is not defined`);
        continue;
      }
      if (
        condition?.condition !== 'service_healthy' &&
        condition?.condition !== 'service_completed_successfully'
      ) {
        report(
          `compose: service ${name} starts before ${dependency} is healthy (use condition: service_healthy)`,
        );
      }
      if (condition?.condition === 'service_healthy' && !target.healthcheck) {
        report(
          `compose: service ${name} waits for ${dependency} to be healthy, but ${dependency} has no health check`,
        );
      }
    }
  }
  for (const [name, service] of Object.entries(source.services ?? {})) {
    const environment = service.environment ?? {};
    const entries = Array.isArray(environment)
      ? environment.map((item) => String(item).split(/=(.*)/s).slice(0, 2))
      : Object.entries(environment);
    for (const [key, value] of entries) {
      if (!secretName.test(key)) continue;
      const text = String(value ?? '');
      const references = [...text.matchAll(/\$\{([A-Z0-9_]+)(:?[-?])?([^}]*)\}/g)];
      const required =
        references.length > 0 &&
        references.every((reference) => reference[2] === ':?' || reference[2] === '?');
      if (!required)
        report(
          `compose: service ${name}: ${key} must come from the environment as \${VAR:?message}, with no value or default here`,
        );
    }
  }
}

// ---------------------------------------------------------------------------------------

const gitlabGlobalKeywords = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);
const gitlabJobKeywords = new Set([
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'extends',
  'hooks',
  'id_tokens',
  'identity',
  'image',
  'inherit',
  'interruptible',
  'manual_confirmation',
  'needs',
  'pages',
  'parallel',
  'release',
  'resource_group',
  'retry',
  'rules',
  'run',
  'script',
  'secrets',
  'services',
  'stage',
  'tags',
  'timeout',
  'trigger',
  'variables',
  'when',
  'only',
  'except',
]);
const gitlabWhen = new Set(['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never']);

function checkGitlab(file) {
  const pipeline = loadYaml(file);
  if (typeof pipeline !== 'object' || Array.isArray(pipeline)) {
    report(`${file}: must be a mapping`);
    return;
  }
  const stages = pipeline.stages ?? ['build', 'test', 'deploy'];
  if (!Array.isArray(stages) || stages.some((stage) => typeof stage !== 'string'))
    report(`${file}: stages must be a list of names`);
  const declared = new Set(['.pre', '.post', ...(Array.isArray(stages) ? stages : [])]);
  const jobs = Object.entries(pipeline).filter(([key]) => !gitlabGlobalKeywords.has(key));
  const byName = new Map(jobs);
  const resolve = (name, seen = new Set()) => {
    const job = byName.get(name);
    if (!job || typeof job !== 'object' || seen.has(name)) return job ?? {};
    seen.add(name);
    const parents = job.extends === undefined ? [] : [job.extends].flat();
    return Object.assign({}, ...parents.map((parent) => resolve(parent, seen)), job);
  };
  let realJobs = 0;
  for (const [name, job] of jobs) {
    if (typeof job !== 'object' || job === null || Array.isArray(job)) {
      report(`${file}: ${name} is neither a keyword nor a job`);
      continue;
    }
    for (const key of Object.keys(job)) {
      if (!gitlabJobKeywords.has(key)) report(`${file}: job ${name}: unknown keyword "${key}"`);
    }
    for (const parent of job.extends === undefined ? [] : [job.extends].flat()) {
      if (!byName.has(parent)) report(`${file}: job ${name} extends ${parent}, which is not defined`);
    }
    if (name.startsWith('.')) continue;
    realJobs += 1;
    const effective = resolve(name);
    const stage = effective.stage ?? 'test';
    if (!declared.has(stage)) report(`${file}: job ${name}: stage "${stage}" is not declared in stages`);
    if (!effective.script && !effective.trigger && !effective.run)
      report(`${file}: job ${name} has no script`);
    if (effective.rules && (effective.only || effective.except))
      report(`${file}: job ${name} mixes rules with only/except`);
    if (effective.when !== undefined && !gitlabWhen.has(effective.when))
      report(`${file}: job ${name}: when "${effective.when}" is not valid`);
    for (const need of [effective.needs ?? [], effective.dependencies ?? []].flat()) {
      const needed = typeof need === 'string' ? need : need?.job;
      if (typeof needed === 'string' && (!byName.has(needed) || needed.startsWith('.'))) {
        report(`${file}: job ${name} needs ${needed}, which is not a job`);
      }
    }
    for (const service of [effective.services ?? []].flat()) {
      if (typeof service !== 'string' && typeof service?.name !== 'string')
        report(`${file}: job ${name}: a service needs a name`);
    }
  }
  if (realJobs === 0) report(`${file}: no jobs`);
}

// ---------------------------------------------------------------------------------------

/** The instructions of a Dockerfile: continuation lines joined, comments dropped. */
function instructionsOf(text) {
  const instructions = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      current += `${line.replace(/\\\s*$/, '')} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') {
      const [, keyword, rest] = /^\s*(\S+)\s*(.*)$/s.exec(current);
      instructions.push({ keyword: keyword.toUpperCase(), rest: rest.trim() });
    }
    current = '';
  }
  return instructions;
}

function checkDockerfile(file) {
  const instructions = instructionsOf(readFileSync(file, 'utf8'));
  const globalArgs = new Map();
  const stages = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value] = instruction.rest.split(/=(.*)/s);
      globalArgs.set(name.trim(), value?.trim().replace(/^"|"$/g, ''));
      continue;
    }
    if (instruction.keyword === 'FROM') {
      const parts = instruction.rest.split(/\s+/).filter((part) => !part.startsWith('--'));
      const image = parts[0].replace(/\$\{?(\w+)\}?/g, (_, name) => globalArgs.get(name) ?? `\${${name}}`);
      const name = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined;
      const parent = stages.find((stage) => stage.name === image);
      if (!parent) {
        if (image.includes('${')) report(`${file}: FROM ${parts[0]}: the ARG has no default`);
        else if (image !== 'scratch' && !isPinnedImage(image))
          report(`${file}: FROM ${image} is not pinned to a tag`);
      }
      stages.push({ name, image, parent, instructions: [], usedBy: 0 });
      if (parent) parent.usedBy += 1;
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      report(`${file}: ${instruction.keyword} before the first FROM`);
      continue;
    }
    stage.instructions.push(instruction);
    const from = /--from=(\S+)/.exec(instruction.rest);
    if (instruction.keyword === 'COPY' && from) {
      const source = stages.find((candidate) => candidate.name === from[1]);
      if (source === stage) report(`${file}: COPY --from=${from[1]} copies from its own stage`);
      else if (!source && !/[:/]/.test(from[1]))
        report(`${file}: COPY --from=${from[1]} names no earlier stage`);
      else if (source) source.usedBy += 1;
    }
  }
  if (stages.length === 0) report(`${file}: no FROM`);
  const inherited = (stage, keyword) => {
    for (let current = stage; current; current = current.parent) {
      const found = current.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
      if (found) return found;
    }
    return undefined;
  };
  for (const stage of stages) {
    if (stage.usedBy > 0 && stage !== stages.at(-1)) continue;
    const label = `${file}: stage ${stage.name ?? '(unnamed)'}`;
    const user = inherited(stage, 'USER');
    if (!user || /^(root|0)(:|$)/.test(user.rest)) report(`${label} runs as root (add USER)`);
    const healthcheck = inherited(stage, 'HEALTHCHECK');
    if (!healthcheck || /^NONE$/i.test(healthcheck.rest)) report(`${label} has no HEALTHCHECK`);
    if (!inherited(stage, 'CMD') && !inherited(stage, 'ENTRYPOINT'))
      report(`${label} has no CMD or ENTRYPOINT`);
    const cmds = stage.instructions.filter((instruction) => instruction.keyword === 'CMD').length;
    if (cmds > 1) report(`${label} has ${cmds} CMD instructions; only the last counts`);
  }
}

// ---------------------------------------------------------------------------------------

/** Every file under DIR whose name passes `keep`, skipping dependencies and build output. */
function filesUnder(directory, keep) {
  let entries;
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(name) ? [path] : [];
  });
}

/** The metric names the code defines: the kit's and services' own, and prom-client's defaults. */
function definedMetrics(root) {
  const names = new Set();
  const sources = ['packages', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).flatMap((workspace) =>
      filesUnder(
        join(root, top, workspace, 'src'),
        (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
      ),
    ),
  );
  for (const file of sources) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bname:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g)) {
      names.add(match[1]);
    }
  }
  const defaults = join(root, 'node_modules/prom-client/lib/metrics');
  for (const file of filesUnder(defaults, (name) => name.endsWith('.js'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'((?:process|nodejs)_[a-z0-9_]+)'/g)) {
      names.add(match[1]);
    }
  }
  return names;
}

/**
 * The metric names a PromQL expression uses: every identifier directly followed by a
 * label matcher or a range (`name{…}`, `name[5m]`). Label values are dropped first.
 */
function metricsOfExpr(expr) {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...withoutStrings.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{[]/g)].map((match) => match[1]);
}

function checkDashboard(file, root) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    report(`${file}: not JSON: ${error.message}`);
    return;
  }
  if (typeof dashboard.title !== 'string' || dashboard.title === '') report(`${file}: no title`);
  if (typeof dashboard.uid !== 'string' || !/^[a-zA-Z0-9_-]{1,40}$/.test(dashboard.uid))
    report(`${file}: uid must be 1 to 40 letters, digits, _ or -`);
  const panels = (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  if (panels.length === 0) report(`${file}: no panels`);
  const defined = definedMetrics(root);
  const ids = new Set();
  let queries = 0;
  for (const panel of panels) {
    const label = `${file}: panel ${JSON.stringify(panel.title ?? panel.id)}`;
    if (ids.has(panel.id)) report(`${label}: id ${panel.id} is used twice`);
    ids.add(panel.id);
    const grid = panel.gridPos ?? {};
    if (!['h', 'w', 'x', 'y'].every((key) => Number.isInteger(grid[key]))) report(`${label}: no gridPos`);
    if (panel.type === 'row') continue;
    const targets = panel.targets ?? [];
    if (targets.length === 0) report(`${label}: no targets`);
    for (const target of targets) {
      if (typeof target.expr !== 'string' || target.expr.trim() === '') {
        report(`${label}: target ${target.refId ?? '?'} has no expr`);
        continue;
      }
      queries += 1;
      const metrics = metricsOfExpr(target.expr);
      if (metrics.length === 0) report(`${label}: expr names no metric: ${target.expr}`);
      for (const metric of metrics) {
        const base = metric.replace(/_(bucket|sum|count)$/, '');
        if (!defined.has(metric) && !defined.has(base))
          report(`${label}: ${metric} is not a metric the code defines`);
      }
    }
  }
  if (queries === 0) report(`${file}: no queries`);
}

// ---------------------------------------------------------------------------------------

const [command, ...args] = process.argv.slice(2);
if (command === 'compose' && args.length === 3) checkCompose(...args);
else if (command === 'gitlab' && args.length === 1) checkGitlab(args[0]);
else if (command === 'dockerfile' && args.length === 1) checkDockerfile(args[0]);
else if (command === 'dashboard' && args.length === 2) checkDashboard(args[0], args[1]);
else {
  console.error(
    'usage: node deploy/validate-files.mjs compose SOURCE RENDERED PUBLIC | gitlab FILE | dockerfile FILE | dashboard FILE ROOT',
  );
  process.exit(2);
}
if (problems.size > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`validate-files ${command}: ${problems.size} problem(s)`);
  process.exit(1);
}
console.log(`validate-files ${command}: ok`);
