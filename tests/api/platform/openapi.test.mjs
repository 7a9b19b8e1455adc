// Checks docs/api/openapi.yaml against the routes the real router serves (`skillbrain routes`):
// the same (method, path) pairs, `security: []` exactly on the open ones, an anonymous alternative
// (`- {}` before both schemes) exactly on the optional ones, and a few regularity rules.
// The YAML is read by simple line parsing (the file keeps paths at 2 spaces, methods at 4), no YAML library.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BIN } from '../lib/server.mjs'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const SPEC = resolve(REPO, 'docs/api/openapi.yaml')
const TAGS = new Set(['auth', 'orgs', 'work-types', 'workers', 'users', 'audit', 'system', 'competitions', 'judging', 'boards', 'exams', 'practice', 'talent', 'training', 'assessments', 'analytics'])
const UNSAFE = new Set(['post', 'put', 'patch', 'delete'])

/** The router's routes: [{method, path, access}], method lower-case. */
function routerRoutes() {
  const r = spawnSync(BIN, ['routes'], { encoding: 'utf8', timeout: 30000 })
  if (r.error) throw new Error(`cannot run ${BIN} routes: ${r.error.message}`)
  assert.equal(r.status, 0, `${BIN} routes exited ${r.status}: ${r.stderr}`)
  const routes = []
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue
    const m = /^(GET|POST|PUT|PATCH|DELETE) (\/\S+) (open|optional|signed_in)$/.exec(line.trim())
    assert.ok(m, `unexpected line from skillbrain routes: ${JSON.stringify(line)}`)
    routes.push({ method: m[1].toLowerCase(), path: m[2], access: m[3] })
  }
  assert.ok(routes.length > 0, 'skillbrain routes printed no routes')
  return routes
}

/** The operations under `paths:`: [{method, path, lines}] with the operation's own lines. */
function specOperations(text) {
  const ops = []
  let inPaths = false
  let path = null
  let op = null
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) { // a top-level key: `paths:` starts the section, anything else ends it
      inPaths = /^paths:\s*$/.test(line)
      path = null
      op = null
      continue
    }
    if (!inPaths) continue
    let m
    if ((m = /^  (\/\S+):\s*$/.exec(line))) {
      path = m[1]
      op = null
    } else if (/^  \S/.test(line)) {
      path = null // some other key at path level
      op = null
    } else if (path && (m = /^    (get|post|put|patch|delete):\s*$/.exec(line))) {
      op = { method: m[1], path, lines: [] }
      ops.push(op)
    } else if (/^    \S/.test(line)) {
      op = null // a path-level key such as parameters
    } else if (op) {
      op.lines.push(line)
    }
  }
  return ops
}

const key = (o) => `${o.method.toUpperCase()} ${o.path}`
const spec = readFileSync(SPEC, 'utf8')
const ops = specOperations(spec)
const routes = routerRoutes()

test('the spec documents exactly the routes the router serves', () => {
  const want = new Set(routes.map(key))
  const have = new Set(ops.map(key))
  const dupes = ops.map(key).filter((k, i, all) => all.indexOf(k) !== i)
  const missing = [...want].filter((k) => !have.has(k))
  const extra = [...have].filter((k) => !want.has(k))
  const report = [
    dupes.length && `operations listed twice in openapi.yaml:\n  ${dupes.join('\n  ')}`,
    missing.length && `routes served but missing from openapi.yaml:\n  ${missing.join('\n  ')}`,
    extra.length && `operations in openapi.yaml that the router does not serve:\n  ${extra.join('\n  ')}`,
  ].filter(Boolean).join('\n')
  assert.deepEqual({ dupes, missing, extra }, { dupes: [], missing: [], extra: [] }, report)
})

/** Whether the operation's lines hold `security:` followed by exactly these item lines. */
function hasSecurityList(lines, items) {
  const i = lines.findIndex((l) => /^      security:\s*$/.test(l))
  if (i < 0) return false
  const list = []
  for (const l of lines.slice(i + 1)) {
    if (!/^        - /.test(l)) break
    list.push(l.trimEnd())
  }
  return JSON.stringify(list) === JSON.stringify(items)
}
const OPTIONAL_SECURITY = ['        - {}', '        - bearerAuth: []', '        - cookieAuth: []']

test('open routes, and only those, have `security: []`; optional ones, and only those, also allow anonymous', () => {
  const byKey = new Map(ops.map((o) => [key(o), o]))
  const wrong = []
  for (const r of routes) {
    const op = byKey.get(key(r))
    if (!op) continue // reported by the test above
    const open = op.lines.some((l) => /^      security:\s*\[\]\s*$/.test(l))
    const optional = hasSecurityList(op.lines, OPTIONAL_SECURITY)
    const anySecurity = op.lines.some((l) => /^      security:/.test(l))
    if (r.access === 'open' && !open) wrong.push(`${key(r)} is open but lacks security: []`)
    if (r.access !== 'open' && open) wrong.push(`${key(r)} is ${r.access} but has security: []`)
    if (r.access === 'optional' && !optional)
      wrong.push(`${key(r)} is optional but lacks security: [{}, bearerAuth: [], cookieAuth: []] (in that form)`)
    if (r.access !== 'optional' && optional) wrong.push(`${key(r)} is ${r.access} but has the optional security list`)
    if (r.access === 'signed_in' && anySecurity) wrong.push(`${key(r)} needs sign-in but overrides security`)
  }
  assert.deepEqual(wrong, [], wrong.join('\n'))
})

test('every operation has a unique operationId, a known tag, a summary, roles and responses', () => {
  const problems = []
  const seen = new Map()
  for (const op of ops) {
    const field = (name) => op.lines.map((l) => new RegExp(`^      ${name}:\\s*(.*)$`).exec(l)).find(Boolean)?.[1]
    const id = field('operationId')
    if (!id) problems.push(`${key(op)}: no operationId`)
    else if (seen.has(id)) problems.push(`${key(op)}: operationId ${id} also used by ${seen.get(id)}`)
    else seen.set(id, key(op))
    const tags = /^\[(.*)\]$/.exec(field('tags') ?? '')
    if (!tags) problems.push(`${key(op)}: no tags`)
    else for (const t of tags[1].split(',').map((s) => s.trim()))
      if (!TAGS.has(t)) problems.push(`${key(op)}: unknown tag ${t}`)
    if (!field('summary')) problems.push(`${key(op)}: no summary`)
    if (!op.lines.some((l) => l.includes('Roles:'))) problems.push(`${key(op)}: description does not say which roles may call it`)
    if (!op.lines.some((l) => /^      responses:\s*$/.test(l))) problems.push(`${key(op)}: no responses`)
  }
  assert.deepEqual(problems, [], problems.join('\n'))
})

test('path parameters are declared and writes document Idempotency-Key', () => {
  const problems = []
  for (const op of ops) {
    const body = op.lines.join('\n')
    if (op.path.includes('{id}') && !/#\/components\/parameters\/(IdPath|BoardIdPath)'/.test(body))
      problems.push(`${key(op)}: path parameter {id} not declared`)
    if (UNSAFE.has(op.method) && !/#\/components\/parameters\/IdempotencyKey'|name: Idempotency-Key/.test(body))
      problems.push(`${key(op)}: Idempotency-Key header not documented`)
  }
  assert.deepEqual(problems, [], problems.join('\n'))
})

test('every local $ref points at a defined component', () => {
  const defined = new Set()
  let inComponents = false
  let section = null // e.g. schemas, parameters, responses, headers
  for (const line of spec.split('\n')) {
    let m
    if (/^\S/.test(line)) { inComponents = /^components:\s*$/.test(line); section = null; continue }
    if (!inComponents) continue
    if ((m = /^  (\w+):\s*$/.exec(line))) section = m[1]
    else if (section && (m = /^    ([\w.-]+):\s*$/.exec(line))) defined.add(`#/components/${section}/${m[1]}`)
  }
  assert.ok(defined.size > 50, `found only ${defined.size} components; has the layout of openapi.yaml changed?`)
  const dangling = [...new Set([...spec.matchAll(/\$ref: '([^']+)'/g)].map((m) => m[1]))].filter((r) => !defined.has(r))
  assert.deepEqual(dangling, [], `undefined $ref targets:\n  ${dangling.join('\n  ')}`)
})

// Optional: a real YAML parser agrees the file is well-formed and sees the same operations.
const havePyYaml = spawnSync('python3', ['-c', 'import yaml'], { timeout: 20000 }).status === 0
test('the YAML is well-formed (python3-yaml)', { skip: havePyYaml ? false : 'python3 with yaml not available' }, () => {
  const script = 'import json, sys, yaml\n' +
    'd = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))\n' +
    'print(json.dumps(sorted(m.upper() + " " + p for p, item in d["paths"].items() for m in item ' +
    'if m in ("get", "post", "put", "patch", "delete"))))'
  const r = spawnSync('python3', ['-c', script, SPEC], { encoding: 'utf8', timeout: 20000 })
  assert.equal(r.status, 0, `yaml.safe_load failed:\n${r.stderr}`)
  assert.deepEqual(JSON.parse(r.stdout), ops.map(key).sort(), 'the line parser and the YAML parser disagree')
})
