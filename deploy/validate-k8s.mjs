// Offline validation of Kubernetes manifests (no API server, no kubeconform here).
//
//   node deploy/validate-k8s.mjs [DIR | FILE...]      (default: deploy/k8s)
//
// A DIR is a kustomization: every resource it lists must exist, and every other YAML file
// in it must be listed (files named *.example.yaml excepted: they are validated, and may
// satisfy references, but are never applied). FILEs are checked as one set, e.g. the
// output of `kubectl kustomize` with deploy/k8s/secret.example.yaml. Each document is checked by:
//
// 1. kubernetes-models: its apiVersion/kind must name a model, and `validate()` must pass
//    (types, enums, required fields);
// 2. a strict walk over the model's type declarations: a field the API does not define, at
//    any depth, is an error (kubernetes-models accepts `resourcez:`; the API server drops
//    it or, with strict validation, refuses it);
// 3. this project's rules: probes on every long-running container, requests and a memory
//    limit, pinned images, a non-root and locked-down security context;
// 4. references across the set: a Deployment's selector matches its pods, every Deployment
//    is selected by a Service, Services select pods and name ports they have, HPAs,
//    PodDisruptionBudgets, Ingresses and NetworkPolicies point at what exists, ConfigMaps
//    and Secrets referenced by pods exist, and no Secret is applied with the manifests.
//
// Prints each problem as `file: Kind/name: message` and exits 1 if there is any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const problems = [];
/** A path as the user would type it: relative inside the working directory, absolute outside. */
const shown = (path) => {
  const inside = relative(process.cwd(), path);
  return inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside;
};
const report = (where, message) => problems.push(`${where}: ${message}`);

// ---------------------------------------------------------------------------------------
// Loading

/** Kubernetes reads YAML 1.1: `yes`, `no`, `on`, `off` are booleans there, so here too. */
function loadDocuments(file) {
  const documents = [];
  const text = readFileSync(file, 'utf8');
  for (const document of parseAllDocuments(text, { version: '1.1', uniqueKeys: true })) {
    for (const error of document.errors) report(shown(file), `YAML: ${error.message.split('\n')[0]}`);
    if (document.errors.length > 0) continue;
    const value = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      report(shown(file), 'a document must be a mapping');
      continue;
    }
    documents.push({ file, object: value });
  }
  return documents;
}

const kustomizationKeys = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'resources',
  'components',
  'images',
  'replicas',
  'labels',
  'commonLabels',
  'commonAnnotations',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'buildMetadata',
]);

function loadKustomization(directory) {
  const file = join(directory, 'kustomization.yaml');
  if (!existsSync(file)) {
    report(shown(directory), 'no kustomization.yaml');
    return { applied: [], extra: [] };
  }
  const [document] = loadDocuments(file);
  const kustomization = document?.object ?? {};
  if (
    kustomization.kind !== 'Kustomization' ||
    !String(kustomization.apiVersion).startsWith('kustomize.config.k8s.io/')
  ) {
    report(shown(file), 'must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization');
  }
  for (const key of Object.keys(kustomization)) {
    if (!kustomizationKeys.has(key)) report(shown(file), `unknown field "${key}"`);
  }
  if (kustomization.secretGenerator)
    report(shown(file), 'secretGenerator puts secret values into the repository');
  const resources = kustomization.resources ?? [];
  if (!Array.isArray(resources) || resources.length === 0)
    report(shown(file), 'resources must list the manifests');
  const listed = new Set();
  for (const resource of Array.isArray(resources) ? resources : []) {
    const path = join(directory, String(resource));
    if (!existsSync(path)) report(shown(file), `resource ${resource} does not exist`);
    else if (statSync(path).isFile()) listed.add(path);
    else report(shown(file), `resource ${resource} is a directory: list the files`);
  }
  for (const image of kustomization.images ?? []) {
    if (typeof image?.name !== 'string') report(shown(file), 'every images entry needs a name');
    else if (!image.newTag && !image.digest && !image.newName)
      report(shown(file), `images entry ${image.name} changes nothing`);
    else if (image.newTag === 'latest') report(shown(file), `images entry ${image.name} uses the latest tag`);
  }
  const yamlFiles = readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name) && !/^kustomization\.ya?ml$/.test(name))
    .map((name) => join(directory, name));
  const extra = [];
  for (const path of yamlFiles) {
    if (/\.example\.ya?ml$/.test(path)) {
      if (listed.has(path)) report(shown(file), `${basename(path)} is an example and must not be applied`);
      extra.push(path);
    } else if (!listed.has(path)) {
      report(shown(file), `${basename(path)} is not listed in resources`);
    }
  }
  return { applied: [...listed], extra, namespace: kustomization.namespace };
}

// ---------------------------------------------------------------------------------------
// kubernetes-models: the model class and the type declarations behind it

const modelsRoot = dirname(fileURLToPath(import.meta.resolve('kubernetes-models')));

function modelPathOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!/^[a-z0-9.]*$/.test(group) || !/^v\d+(alpha\d+|beta\d+)?$/.test(version) || !/^[A-Z]\w*$/.test(kind))
    return null;
  return group === '' ? `${version}/${kind}` : `${group}/${version}/${kind}`;
}

async function modelOf(apiVersion, kind) {
  const path = modelPathOf(apiVersion, kind);
  if (!path || !existsSync(join(modelsRoot, `${path}.js`))) return null;
  const module = await import(`kubernetes-models/${path}`);
  const model = module[kind];
  return typeof model === 'function' ? { model, declaration: join(modelsRoot, `${path}.d.ts`) } : null;
}

/** The d.ts of an import specifier, as seen from the d.ts that imports it. */
function resolveDeclaration(specifier, fromFile) {
  if (specifier.startsWith('.')) return join(dirname(fromFile), specifier.replace(/\.js$/, '.d.ts'));
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const rest = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
  for (let directory = dirname(fromFile); ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', packageName, `${rest}.d.ts`);
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return null;
  }
}

/** Splits `text` at `separator` where no bracket is open. */
function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if ('{<(['.includes(character)) depth += 1;
    else if ('}>)]'.includes(character)) depth -= 1;
    else if (character === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const declarations = new Map();

/**
 * The fields of the interface a d.ts declares, each with its type: `{ref}` (another
 * interface), `{array}`, `{map}` or `{leaf}`. `null` when the file declares no closed
 * interface (a type alias such as Quantity, or an interface that extends another).
 */
function declarationOf(file) {
  if (declarations.has(file)) return declarations.get(file);
  let result = null;
  if (file && existsSync(file)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const imports = new Map();
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
      for (const name of match[1]
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean))
        imports.set(name, match[2]);
    }
    const head = /export interface \w+(\s+extends\s+([\w.]+))?\s*\{/.exec(text);
    if (head && (!head[1] || head[2] === 'TypeMeta')) {
      let depth = 1;
      let index = head.index + head[0].length;
      const start = index;
      while (depth > 0 && index < text.length) {
        if (text[index] === '{') depth += 1;
        else if (text[index] === '}') depth -= 1;
        index += 1;
      }
      const body = text.slice(start, index - 1);
      const fields = new Map();
      for (const entry of splitTopLevel(body, ';')) {
        const field = /^"([^"]+)"\??\s*:\s*([\s\S]+)$/.exec(entry);
        if (field) fields.set(field[1], typeOf(field[2].trim(), imports, file));
      }
      result = fields;
    }
  }
  declarations.set(file, result);
  return result;
}

function typeOf(text, imports, file) {
  const array = /^Array<([\s\S]+)>$/.exec(text);
  if (array) return { array: typeOf(array[1].trim(), imports, file) };
  const map = /^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/.exec(text);
  if (map) return { map: typeOf(map[1].trim(), imports, file) };
  if (imports.has(text)) return { ref: resolveDeclaration(imports.get(text), file) };
  return { leaf: text };
}

/** Reports every field the API does not define, at any depth. */
function checkFields(value, type, path, where) {
  if (value === null || value === undefined || !type) return;
  if (type.array) {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) checkFields(item, type.array, `${path}[${index}]`, where);
    }
    return;
  }
  if (type.map) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) checkFields(item, type.map, `${path}.${key}`, where);
    }
    return;
  }
  if (!type.ref || typeof value !== 'object' || Array.isArray(value)) return;
  const fields = declarationOf(type.ref);
  if (!fields) return;
  for (const [key, item] of Object.entries(value)) {
    const field = fields.get(key);
    if (!field) report(where, `unknown field ${path ? `${path}.` : ''}${key}`);
    else checkFields(item, field, path ? `${path}.${key}` : key, where);
  }
}

// ---------------------------------------------------------------------------------------
// Per-object rules

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelNamedKinds = new Set(['Namespace', 'Service']);
const longRunning = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const workloadKinds = new Set([...longRunning, 'Job', 'CronJob']);

function podTemplateOf(object) {
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template;
  return workloadKinds.has(object.kind) ? object.spec?.template : undefined;
}

function isPinned(image) {
  if (typeof image !== 'string' || image === '') return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.split('/').pop();
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : '';
  return tag !== '' && tag !== 'latest';
}

function checkProbe(probe, container, where, name) {
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((handler) => probe[handler] !== undefined);
  if (handlers.length !== 1) {
    report(where, `container ${container.name}: ${name} needs exactly one of exec, httpGet, tcpSocket, grpc`);
    return;
  }
  if (probe.exec && (!Array.isArray(probe.exec.command) || probe.exec.command.length === 0)) {
    report(where, `container ${container.name}: ${name}.exec.command is empty`);
  }
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (typeof port === 'string' && !(container.ports ?? []).some((declared) => declared.name === port)) {
    report(
      where,
      `container ${container.name}: ${name} uses port "${port}", which the container does not declare`,
    );
  }
}

function checkPodTemplate(object, where) {
  const template = podTemplateOf(object);
  const spec = template?.spec;
  if (!spec) {
    report(where, 'has no pod template');
    return;
  }
  const labels = template.metadata?.labels ?? {};
  const selector = object.spec?.selector;
  if (object.kind !== 'Job' && object.kind !== 'CronJob') {
    if (!selector?.matchLabels || Object.keys(selector.matchLabels).length === 0) {
      report(where, 'spec.selector.matchLabels is empty');
    } else if (!matches(selector.matchLabels, labels)) {
      report(where, 'spec.selector.matchLabels does not match the pod template labels');
    }
  }
  const volumes = new Set((spec.volumes ?? []).map((volume) => volume.name));
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const names = new Set();
  for (const container of all) {
    if (names.has(container.name)) report(where, `two containers are named ${container.name}`);
    names.add(container.name);
    const own = `container ${container.name}`;
    if (!isPinned(container.image))
      report(
        where,
        `${own}: image "${container.image ?? ''}" is not pinned (a tag other than latest, or a digest)`,
      );
    const resources = container.resources ?? {};
    if (!resources.requests?.cpu || !resources.requests?.memory)
      report(where, `${own}: resources.requests needs cpu and memory`);
    if (!resources.limits?.memory) report(where, `${own}: resources.limits.memory is not set`);
    const security = container.securityContext ?? {};
    if (security.allowPrivilegeEscalation !== false)
      report(where, `${own}: securityContext.allowPrivilegeEscalation must be false`);
    if (!(security.capabilities?.drop ?? []).includes('ALL'))
      report(where, `${own}: securityContext.capabilities.drop must include ALL`);
    if (security.readOnlyRootFilesystem !== true)
      report(where, `${own}: securityContext.readOnlyRootFilesystem must be true`);
    if (security.privileged === true) report(where, `${own}: must not be privileged`);
    if (security.runAsNonRoot !== true && spec.securityContext?.runAsNonRoot !== true) {
      report(where, `${own}: runAsNonRoot must be true (pod or container securityContext)`);
    }
    if ((security.runAsUser ?? spec.securityContext?.runAsUser) === 0)
      report(where, `${own}: runs as user 0`);
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) report(where, `${own}: volumeMount ${mount.name} names no volume`);
    }
  }
  if (longRunning.has(object.kind)) {
    for (const container of spec.containers ?? []) {
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        if (!container[probe]) report(where, `container ${container.name}: no ${probe}`);
        else checkProbe(container[probe], container, where, probe);
      }
      if (container.startupProbe) checkProbe(container.startupProbe, container, where, 'startupProbe');
    }
  }
  return { labels, spec, containers: all };
}

function referencesOf(spec) {
  const found = [];
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef)
        found.push({
          kind: 'ConfigMap',
          name: source.configMapRef.name,
          optional: source.configMapRef.optional,
        });
      if (source.secretRef)
        found.push({ kind: 'Secret', name: source.secretRef.name, optional: source.secretRef.optional });
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom ?? {};
      if (from.configMapKeyRef)
        found.push({
          kind: 'ConfigMap',
          name: from.configMapKeyRef.name,
          optional: from.configMapKeyRef.optional,
        });
      if (from.secretKeyRef)
        found.push({ kind: 'Secret', name: from.secretKeyRef.name, optional: from.secretKeyRef.optional });
    }
  }
  for (const volume of spec.volumes ?? []) {
    if (volume.configMap)
      found.push({ kind: 'ConfigMap', name: volume.configMap.name, optional: volume.configMap.optional });
    if (volume.secret)
      found.push({ kind: 'Secret', name: volume.secret.secretName, optional: volume.secret.optional });
  }
  return found;
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

// ---------------------------------------------------------------------------------------
// The whole set

async function validate(applied, extra, expectedNamespace) {
  const objects = [];
  for (const { file, object } of [...applied, ...extra]) {
    const label = `${shown(file)}: ${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      report(label, 'apiVersion and kind must be strings');
      continue;
    }
    const found = await modelOf(object.apiVersion, object.kind);
    if (!found) {
      report(
        label,
        `${object.apiVersion} ${object.kind} is not a Kubernetes API type kubernetes-models knows`,
      );
      continue;
    }
    try {
      new found.model(object).validate();
    } catch (error) {
      const details = error.errors?.map((item) => `${item.instancePath || '/'} ${item.message}`) ?? [
        error.message,
      ];
      for (const detail of details) report(label, `schema: ${detail}`);
    }
    checkFields(object, { ref: found.declaration }, '', label);
    const name = object.metadata?.name;
    if (typeof name !== 'string') report(label, 'metadata.name is required');
    else if (
      !(labelNamedKinds.has(object.kind)
        ? dnsLabel.test(name) && name.length <= 63
        : dnsSubdomain.test(name) && name.length <= 253)
    ) {
      report(label, `metadata.name "${name}" is not a valid DNS name`);
    }
    const namespaced = object.kind !== 'Namespace';
    if (
      namespaced &&
      expectedNamespace &&
      object.metadata?.namespace &&
      object.metadata.namespace !== expectedNamespace
    ) {
      report(
        label,
        `namespace ${object.metadata.namespace}, but the kustomization sets ${expectedNamespace}`,
      );
    }
    objects.push({
      object,
      label,
      applied: applied.some((entry) => entry.object === object),
      namespace: object.metadata?.namespace ?? expectedNamespace ?? 'default',
    });
  }

  const seen = new Set();
  for (const { object, label, applied: isApplied } of objects) {
    if (!isApplied) continue;
    const key = `${object.apiVersion.split('/').length > 1 ? object.apiVersion.split('/')[0] : ''}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
    if (seen.has(key)) report(label, 'defined twice');
    seen.add(key);
    if (object.kind === 'Secret')
      report(label, 'a Secret must not be applied from the repository (create it from your own values)');
  }

  const inSet = (kind, name, namespace, appliedOnly = true) =>
    objects.find(
      (entry) =>
        entry.object.kind === kind &&
        entry.object.metadata?.name === name &&
        entry.namespace === namespace &&
        (!appliedOnly || entry.applied),
    );

  const workloads = [];
  for (const entry of objects) {
    if (!entry.applied || !workloadKinds.has(entry.object.kind)) continue;
    const pod = checkPodTemplate(entry.object, entry.label);
    if (!pod) continue;
    workloads.push({ ...entry, ...pod });
    for (const reference of referencesOf(pod.spec)) {
      if (reference.optional) continue;
      // Secrets come from outside the manifests; an example must at least describe them.
      if (!inSet(reference.kind, reference.name, entry.namespace, reference.kind !== 'Secret')) {
        report(
          entry.label,
          `refers to ${reference.kind} ${reference.name}, which is not defined${reference.kind === 'Secret' ? ' (not even in an example)' : ''}`,
        );
      }
    }
  }
  const podsSelectedBy = (selector, namespace) =>
    workloads.filter((workload) => workload.namespace === namespace && matches(selector, workload.labels));

  const services = objects.filter((entry) => entry.applied && entry.object.kind === 'Service');
  for (const service of services) {
    const spec = service.object.spec ?? {};
    if (spec.type === 'ExternalName') {
      if (!spec.externalName) report(service.label, 'an ExternalName Service needs spec.externalName');
      if (spec.selector) report(service.label, 'an ExternalName Service must not have a selector');
      continue;
    }
    if (!spec.selector || Object.keys(spec.selector).length === 0) {
      report(service.label, 'has no selector');
      continue;
    }
    const selected = podsSelectedBy(spec.selector, service.namespace);
    if (selected.length === 0) report(service.label, 'selects no pods of any workload here');
    if (spec.clusterIP !== 'None' && (spec.ports ?? []).length === 0)
      report(service.label, 'needs ports (or clusterIP: None)');
    for (const port of spec.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const declared = selected.flatMap((workload) =>
        workload.containers.flatMap((container) => container.ports ?? []),
      );
      const found =
        typeof target === 'string'
          ? declared.some((item) => item.name === target)
          : declared.some((item) => item.containerPort === target);
      if (selected.length > 0 && !found)
        report(service.label, `targetPort ${target} is not a port of the pods it selects`);
    }
  }
  for (const workload of workloads) {
    if (workload.object.kind !== 'Deployment') continue;
    const selected = services.some(
      (service) =>
        service.namespace === workload.namespace &&
        service.object.spec?.selector &&
        Object.keys(service.object.spec.selector).length > 0 &&
        matches(service.object.spec.selector, workload.labels),
    );
    if (!selected) report(workload.label, 'no Service selects its pods');
  }

  const autoscaled = new Map();
  for (const entry of objects) {
    if (!entry.applied || entry.object.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = entry.object.spec ?? {};
    const target = inSet(spec.scaleTargetRef?.kind, spec.scaleTargetRef?.name, entry.namespace);
    if (!target) {
      report(
        entry.label,
        `scaleTargetRef ${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name} is not defined`,
      );
      continue;
    }
    if ((spec.minReplicas ?? 1) > spec.maxReplicas) report(entry.label, 'minReplicas is above maxReplicas');
    if (target.object.spec?.replicas !== undefined) {
      report(
        target.label,
        'sets spec.replicas, which every apply would reset under its HorizontalPodAutoscaler',
      );
    }
    const usesCpu = (spec.metrics ?? []).some(
      (metric) => metric.resource?.name === 'cpu' && metric.resource?.target?.type === 'Utilization',
    );
    const containers = podTemplateOf(target.object)?.spec?.containers ?? [];
    if (usesCpu && containers.some((container) => !container.resources?.requests?.cpu)) {
      report(entry.label, 'scales on CPU utilisation, but a container of its target has no CPU request');
    }
    autoscaled.set(target.object, spec.minReplicas ?? 1);
  }

  for (const entry of objects) {
    if (!entry.applied || entry.object.kind !== 'PodDisruptionBudget') continue;
    const spec = entry.object.spec ?? {};
    const selected = podsSelectedBy(spec.selector?.matchLabels, entry.namespace);
    if (!spec.selector?.matchLabels || selected.length === 0) {
      report(entry.label, 'selects no pods of any workload here');
      continue;
    }
    for (const workload of selected) {
      const replicas = autoscaled.get(workload.object) ?? workload.object.spec?.replicas ?? 1;
      if (typeof spec.minAvailable === 'number' && spec.minAvailable >= replicas) {
        report(
          entry.label,
          `minAvailable ${spec.minAvailable} with ${replicas} replica(s) of ${workload.object.metadata.name} blocks every voluntary eviction`,
        );
      }
    }
  }

  for (const entry of objects) {
    if (!entry.applied || entry.object.kind !== 'Ingress') continue;
    const spec = entry.object.spec ?? {};
    const backends = [
      spec.defaultBackend,
      ...(spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((path) => path.backend)),
    ].filter(Boolean);
    if (backends.length === 0) report(entry.label, 'routes nowhere');
    for (const backend of backends) {
      if (!backend.service) continue;
      const service = inSet('Service', backend.service.name, entry.namespace);
      if (!service) {
        report(entry.label, `backend Service ${backend.service.name} is not defined`);
        continue;
      }
      const port = backend.service.port ?? {};
      const ports = service.object.spec?.ports ?? [];
      if (
        !ports.some((item) => (port.name !== undefined ? item.name === port.name : item.port === port.number))
      ) {
        report(
          entry.label,
          `backend Service ${backend.service.name} has no port ${port.name ?? port.number}`,
        );
      }
    }
  }

  for (const entry of objects) {
    if (!entry.applied || entry.object.kind !== 'NetworkPolicy') continue;
    const selector = entry.object.spec?.podSelector?.matchLabels;
    if (
      selector &&
      Object.keys(selector).length > 0 &&
      podsSelectedBy(selector, entry.namespace).length === 0
    ) {
      report(entry.label, 'podSelector matches no pods of any workload here');
    }
  }
  return {
    applied: objects.filter((entry) => entry.applied).length,
    examples: objects.filter((entry) => !entry.applied).length,
  };
}

// ---------------------------------------------------------------------------------------

const targets = process.argv.slice(2);
if (targets.length === 0) targets.push(fileURLToPath(new URL('k8s', import.meta.url)));
const applied = [];
const extra = [];
let namespace;
for (const target of targets) {
  if (!existsSync(target)) {
    report(shown(target), 'does not exist');
  } else if (statSync(target).isDirectory()) {
    const kustomization = loadKustomization(target);
    applied.push(...kustomization.applied.flatMap(loadDocuments));
    extra.push(...kustomization.extra.flatMap(loadDocuments));
    namespace = kustomization.namespace ?? namespace;
  } else if (/\.example\.ya?ml$/.test(target)) {
    extra.push(...loadDocuments(target));
  } else {
    applied.push(...loadDocuments(target));
  }
}
const count = await validate(applied, extra, namespace);
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`validate-k8s: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  `validate-k8s: ${count.applied} objects and ${count.examples} examples valid (${targets.map(shown).join(', ')})`,
);
