import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
before(async () => {
  app.prepare({ demo: false })
  const web = join(app.dir, 'web')
  mkdirSync(join(web, 'assets'), { recursive: true })
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>SkillBrain</title>')
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)')
  writeFileSync(join(app.dir, 'secret.txt'), 'do not serve')
  await app.start(['--web', web])
})
after(async () => { await app.stop(); app.cleanup() })

test('index.html is served with no-cache, hashed assets with a year-long immutable cache', async () => {
  let r = await app.request('GET', '/')
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /text\/html/)
  assert.equal(r.headers.get('cache-control'), 'no-cache')
  r = await app.request('GET', '/assets/app-abc123.js')
  assert.match(r.headers.get('content-type'), /javascript/)
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable')
})

test('app routes fall back to index.html; API paths never do', async () => {
  const r = await app.request('GET', '/workers/42')
  assert.equal(r.status, 200)
  assert.match(r.text, /SkillBrain/)
  const api = await app.request('GET', '/api/v1/workers/42/nothing')
  assert.equal(api.status, 404)
  assert.equal(api.body.error.code, 'not_found')
})

test('paths cannot climb out of the web root', async () => {
  const res = await fetch(app.base + '/%2e%2e/secret.txt')
  const text = await res.text()
  assert.ok(!text.includes('do not serve'))
  const raw = await fetch(app.base + '/../secret.txt')
  assert.ok(!(await raw.text()).includes('do not serve'))
})
