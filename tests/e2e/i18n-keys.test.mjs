// No browser, no server: the two locales of the web app have the same keys, no empty strings, and
// every literal key the sources use (t('a.b'), title: 'a.b', label: 'a.b') exists.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './lib/env.mjs'

const SRC = join(REPO, 'web', 'src')
const zh = (await import(join(SRC, 'i18n', 'locales', 'zh-CN.js'))).default
const en = (await import(join(SRC, 'i18n', 'locales', 'en.js'))).default

function flatten(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatten(v, prefix + k + '.') : [[prefix + k, v]]
  )
}
function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(vue|js)$/.test(name) ? [p] : []
  })
}

test('zh-CN and en have the same keys and no empty messages', () => {
  const a = new Map(flatten(zh))
  const b = new Map(flatten(en))
  assert.deepEqual([...a.keys()].filter((k) => !b.has(k)), [], 'keys missing in en')
  assert.deepEqual([...b.keys()].filter((k) => !a.has(k)), [], 'keys missing in zh-CN')
  for (const [k, v] of [...a, ...b]) assert.ok(typeof v === 'string' && v.trim(), `empty message ${k}`)
})

test('every literal message key used by the sources exists', () => {
  const keys = new Set(flatten(zh).map(([k]) => k))
  const used = new Set()
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1])
    for (const m of text.matchAll(/\b(?:title|label): '([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(m[1])
  }
  assert.ok(used.size > 100, 'the scan found the keys')
  assert.deepEqual([...used].filter((k) => !keys.has(k)).sort(), [])
})

// Code lists map API codes to message keys in plain objects (`online: 'training.mode.online'`), so that
// no key is built at run time: every quoted key under a namespace of the messages exists too.
test('every message key quoted in a code map exists', () => {
  const keys = new Set(flatten(zh).map(([k]) => k))
  const namespaces = new Set(Object.keys(zh))
  const missing = []
  let seen = 0
  for (const file of sources(SRC).filter((f) => !f.includes(join('i18n', 'locales')))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([a-zA-Z]+)\.([a-zA-Z]+(?:\.[a-zA-Z]+)*)'/g)) {
      if (!namespaces.has(m[1]) || /\.(xlsx|csv|pdf|xml|txt|json)$/.test(m[0].slice(1, -1))) continue
      seen++
      if (!keys.has(`${m[1]}.${m[2]}`)) missing.push(`${file.slice(SRC.length + 1)}: ${m[0]}`)
    }
  }
  assert.ok(seen > 100, 'the scan found the keys')
  assert.deepEqual(missing, [])
})
