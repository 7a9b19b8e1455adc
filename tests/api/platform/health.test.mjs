import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'

const app = new Instance()
before(async () => { app.prepare({ demo: false }); await app.start() })
after(async () => { await app.stop(); app.cleanup() })

test('health answers ok with the store kind and security headers', async () => {
  const r = await app.request('GET', '/api/v1/health')
  assert.equal(r.status, 200)
  assert.equal(r.body.status, 'ok')
  assert.equal(r.body.store, 'sqlite')
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/)
})

test('unknown API paths are JSON 404s and wrong methods 405s', async () => {
  let r = await app.request('GET', '/api/v1/nope')
  assert.equal(r.status, 404)
  assert.equal(r.body.error.code, 'not_found')
  r = await app.request('DELETE', '/api/v1/health')
  assert.equal(r.status, 405)
  assert.equal(r.body.error.code, 'method_not_allowed')
})

test('the server keeps connections alive across requests', async () => {
  // Many sequential requests on node's keep-alive agent succeed without errors.
  for (let i = 0; i < 50; i++) assert.equal((await app.request('GET', '/api/v1/health')).status, 200)
})

test('SIGTERM stops the server cleanly', async () => {
  const other = new Instance()
  other.prepare({ demo: false })
  await other.start()
  const exit = await other.stop('SIGTERM')
  assert.equal(exit.code, 0)
  other.cleanup()
})
