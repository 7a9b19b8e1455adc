// Aspect locks: once the chief judge locks an aspect (at one venue or all), no judge or device may
// mark or amend it; unlocking reopens it. Runs on the demo competition with a signed scoring device.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'
import { signedDeviceRequest } from '../lib/device.mjs'

const app = new Instance()
let admin, chief, judge, comp, event, venue, otherVenue, device, entry, measurement
let n = 0

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  chief = await app.login(app.demoAccounts.chief_judge.username, app.demoAccounts.chief_judge.password)
  judge = await app.login(app.demoAccounts.judge.username, app.demoAccounts.judge.password)
  comp = (await app.request('GET', '/api/v1/competitions', { token: admin })).body.items[0]
  event = (await app.request('GET', `/api/v1/events/${comp.events[0].id}`, { token: admin })).body
  ;[venue, otherVenue] = comp.venues
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: admin })).body.items
  entry = entries.find((e) => e.venue_id === venue.id && e.status !== 'withdrawn')
  measurement = event.components.flatMap((c) => c.aspects).find((a) => a.kind === 'measurement' && a.name !== '理论考试成绩')
  device = (await app.request('POST', `/api/v1/competitions/${comp.id}/devices`, { token: admin, body: { name: '锁定测试', venue_id: venue.id } })).body
})
after(async () => { await app.stop(); app.cleanup() })

function deviceMark(value) {
  const { raw, headers } = signedDeviceRequest(device, { marks: [{ client_id: `lock-${++n}`, entry_id: entry.id, aspect_id: measurement.id, value }] },
    { timestamp: Math.floor(Date.now() / 1000) + n })
  return app.request('POST', '/api/v1/device/marks', { raw, headers })
}
const lock = (token, body, action = 'lock') =>
  app.request('POST', `/api/v1/events/${event.id}/aspects/${measurement.id}/${action}`, { token, body })

test('only the chief judge locks an aspect; a judge may not', async () => {
  assert.equal((await lock(judge, {})).status, 403)
  assert.equal((await lock(undefined, {})).status, 401)
  const bad = await app.request('POST', `/api/v1/events/${event.id}/aspects/99999999/lock`, { token: chief, body: {} })
  assert.equal(bad.status, 404)
})

test('a locked aspect refuses new marks and amendments; unlocking reopens it', async () => {
  assert.equal((await deviceMark(0)).status, 201)
  assert.equal((await lock(chief, {})).status, 204)
  assert.equal((await lock(chief, {})).status, 409, 'locked twice')
  const refused = await deviceMark(measurement.max_mark)
  assert.equal(refused.status, 409)
  assert.equal(refused.body.error.code, 'aspect_locked')
  const list = (await app.request('GET', `/api/v1/events/${event.id}/aspect-locks`, { token: admin })).body.items
  assert.deepEqual(list.map((l) => [l.aspect_id, l.venue_id]), [[measurement.id, null]])
  assert.equal((await lock(chief, {}, 'unlock')).status, 204)
  assert.equal((await deviceMark(measurement.max_mark)).status, 201)
  const audit = (await app.request('GET', '/api/v1/audit?limit=20', { token: admin })).body.items
  assert.ok(audit.some((e) => e.action === 'aspect.lock') && audit.some((e) => e.action === 'aspect.unlock'))
})

test('a lock for another venue leaves this venue open', async () => {
  assert.equal((await lock(chief, { venue_id: otherVenue.id })).status, 204)
  assert.equal((await deviceMark(0)).status, 201)
  assert.equal((await lock(chief, { venue_id: venue.id })).status, 204)
  assert.equal((await deviceMark(measurement.max_mark)).status, 409)
})
