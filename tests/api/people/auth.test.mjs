import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, ADMIN } from '../lib/server.mjs'

const app = new Instance()
before(async () => { app.prepare({ demo: false }); await app.start() })
after(async () => { await app.stop(); app.cleanup() })

function cookieFrom(r) {
  const set = r.headers.get('set-cookie') || ''
  return set.split(';')[0]
}

test('login sets an HttpOnly SameSite cookie and returns a bearer token', async () => {
  const r = await app.request('POST', '/api/v1/auth/login', { body: ADMIN })
  assert.equal(r.status, 200)
  assert.match(r.body.token, /^[0-9a-f]{64}$/)
  assert.ok(r.body.csrf_token)
  assert.equal(r.body.user.username, 'admin')
  assert.equal(r.body.user.grants[0].role, 'admin')
  const set = r.headers.get('set-cookie')
  assert.match(set, /skb_session=[0-9a-f]{64}/)
  assert.match(set, /HttpOnly/)
  assert.match(set, /SameSite=Strict/)
  const me = await app.request('GET', '/api/v1/me', { token: r.body.token })
  assert.equal(me.status, 200)
  assert.equal(me.body.user.username, 'admin')
})

test('without credentials the API answers 401', async () => {
  const r = await app.request('GET', '/api/v1/me')
  assert.equal(r.status, 401)
  assert.equal(r.body.error.code, 'unauthenticated')
  const bad = await app.request('GET', '/api/v1/me', { token: 'f'.repeat(64) })
  assert.equal(bad.status, 401)
})

test('cookie-authenticated writes need the CSRF token; bearer writes do not', async () => {
  const login = await app.request('POST', '/api/v1/auth/login', { body: ADMIN })
  const cookie = cookieFrom(login)
  const orgs = await app.request('GET', '/api/v1/orgs', { headers: { cookie } })
  assert.equal(orgs.status, 200)
  const root = orgs.body.items[0].id
  const body = { name: 'CSRF 测试工会', kind: 'industry_union', parent_id: root }
  const noToken = await app.request('POST', '/api/v1/orgs', { headers: { cookie }, body })
  assert.equal(noToken.status, 403)
  assert.equal(noToken.body.error.code, 'csrf_failed')
  const withToken = await app.request('POST', '/api/v1/orgs', { headers: { cookie, 'x-csrf-token': login.body.csrf_token }, body })
  assert.equal(withToken.status, 201)
  const bearer = await app.request('POST', '/api/v1/orgs', { token: login.body.token, body: { ...body, name: 'Bearer 工会' } })
  assert.equal(bearer.status, 201)
})

test('a wrong password and an unknown user get the same answer', async () => {
  const a = await app.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'wrong-password' } })
  const b = await app.request('POST', '/api/v1/auth/login', { body: { username: 'ghost', password: 'wrong-password' } })
  assert.equal(a.status, 401)
  assert.equal(b.status, 401)
  assert.deepEqual(a.body, b.body)
})

test('logout ends the session', async () => {
  const token = await app.login()
  assert.equal((await app.request('POST', '/api/v1/auth/logout', { token })).status, 204)
  assert.equal((await app.request('GET', '/api/v1/me', { token })).status, 401)
})

test('changing the password checks the old one and the new one works', async () => {
  const token = await app.login()
  let r = await app.request('POST', '/api/v1/me/password', { token, body: { old_password: 'nope-nope', new_password: 'Another-Pass-1' } })
  assert.equal(r.status, 400)
  assert.equal(r.body.error.field, 'old_password')
  r = await app.request('POST', '/api/v1/me/password', { token, body: { old_password: ADMIN.password, new_password: 'short' } })
  assert.equal(r.status, 400)
  assert.equal(r.body.error.field, 'new_password')
  r = await app.request('POST', '/api/v1/me/password', { token, body: { old_password: ADMIN.password, new_password: 'Another-Pass-1' } })
  assert.equal(r.status, 204)
  await app.login('admin', 'Another-Pass-1')
  r = await app.request('POST', '/api/v1/me/password', { token, body: { old_password: 'Another-Pass-1', new_password: ADMIN.password } })
  assert.equal(r.status, 204)
})

test('an admin disables a user, resets a password and changes grants; each ends the user\'s sessions', async () => {
  const admin = await app.login()
  const root = (await app.request('GET', '/api/v1/orgs', { token: admin })).body.items[0].id
  const created = await app.request('POST', '/api/v1/users', { token: admin, body: { username: 'temp.user', password: 'Temp-Pass-123', display_name: '临时', grants: [{ role: 'viewer', org_id: root }] } })
  assert.equal(created.status, 201)
  const id = created.body.id
  let t = await app.login('temp.user', 'Temp-Pass-123')
  let r = await app.request('PATCH', `/api/v1/users/${id}`, { token: admin, body: { disabled: true } })
  assert.equal(r.status, 200)
  assert.equal(r.body.disabled, true)
  assert.equal((await app.request('GET', '/api/v1/me', { token: t })).status, 401)
  const denied = await app.request('POST', '/api/v1/auth/login', { body: { username: 'temp.user', password: 'Temp-Pass-123' } })
  assert.equal(denied.status, 401)
  await app.request('PATCH', `/api/v1/users/${id}`, { token: admin, body: { disabled: false, grants: [{ role: 'hr', org_id: root }] } })
  t = await app.login('temp.user', 'Temp-Pass-123')
  assert.equal((await app.request('GET', '/api/v1/me', { token: t })).body.user.grants[0].role, 'hr')
  r = await app.request('POST', `/api/v1/users/${id}/password`, { token: admin, body: { password: 'Reset-Pass-456' } })
  assert.equal(r.status, 204)
  assert.equal((await app.request('GET', '/api/v1/me', { token: t })).status, 401)
  t = await app.login('temp.user', 'Reset-Pass-456')
  // Non-admins cannot manage users; an admin cannot disable themselves.
  assert.equal((await app.request('PATCH', `/api/v1/users/${id}`, { token: t, body: { disabled: true } })).status, 403)
  const me = (await app.request('GET', '/api/v1/me', { token: admin })).body.user.id
  assert.equal((await app.request('PATCH', `/api/v1/users/${me}`, { token: admin, body: { disabled: true } })).status, 400)
})

test('repeated failures are rate limited with Retry-After', async () => {
  // Runs last: it puts this client address into back-off.
  let last
  for (let i = 0; i < 7; i++) last = await app.request('POST', '/api/v1/auth/login', { body: { username: 'victim', password: 'guess-' + i } })
  // Another user from the same address is not locked out by someone else's failures.
  const other = await app.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'Admin-Pass-123' } })
  assert.equal(other.status, 200)
  assert.equal(last.status, 429)
  assert.equal(last.body.error.code, 'rate_limited')
  assert.ok(Number(last.headers.get('retry-after')) > 0)
})
