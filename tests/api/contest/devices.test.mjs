// Scoring devices (智能裁判): HMAC-signed submissions, the 5-minute window, replay protection, and
// the limits of what a device may mark. Runs on the demo competition.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'
import { signedDeviceRequest } from '../lib/device.mjs'

const app = new Instance()
let admin, comp, event, device, venueEntry, otherVenueEntry, measurement, judgement

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  comp = (await app.request('GET', '/api/v1/competitions', { token: admin })).body.items[0]
  event = (await app.request('GET', `/api/v1/events/${comp.events[0].id}`, { token: admin })).body
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: admin })).body.items
  const venue = comp.venues[0]
  venueEntry = entries.find((e) => e.venue_id === venue.id)
  otherVenueEntry = entries.find((e) => e.venue_id !== venue.id)
  const aspects = event.components.flatMap((c) => c.aspects)
  measurement = aspects.find((a) => a.kind === 'measurement' && a.name !== '理论考试成绩')
  judgement = aspects.find((a) => a.kind === 'judgement')
  const r = await app.request('POST', `/api/v1/competitions/${comp.id}/devices`, { token: admin, body: { name: '焊缝检测仪 1号', venue_id: venue.id } })
  assert.equal(r.status, 201)
  device = r.body
})
after(async () => { await app.stop(); app.cleanup() })

const signed = (body, options) => signedDeviceRequest(device, body, options)
const post = (req) => app.request('POST', '/api/v1/device/marks', { raw: req.raw, headers: req.headers })

test('the device secret is shown once, at creation', async () => {
  assert.match(device.secret, /^[0-9a-f]{64}$/)
  const list = (await app.request('GET', `/api/v1/competitions/${comp.id}/devices`, { token: admin })).body.items
  assert.ok(list.some((d) => d.key_id === device.key_id), 'listed with the demo\'s weld gauges')
  assert.ok(list.every((d) => d.secret === undefined))
})

test('a signed measurement is recorded; the same signed request again is a replay', async () => {
  const req = signed({ marks: [{ client_id: 'dev-1', entry_id: venueEntry.id, aspect_id: measurement.id, value: measurement.max_mark / 2 }] })
  const r = await post(req)
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.items[0].replayed, false)
  const again = await post(req)
  assert.equal(again.status, 409)
  assert.equal(again.body.error.code, 'replayed')
  // A retry signed anew with the same client_id is recorded once.
  const retry = await post(signed({ marks: [{ client_id: 'dev-1', entry_id: venueEntry.id, aspect_id: measurement.id, value: measurement.max_mark / 2 }] }, { timestamp: Math.floor(Date.now() / 1000) + 1 }))
  assert.equal(retry.status, 201)
  assert.equal(retry.body.items[0].replayed, true)
  const audit = (await app.request('GET', '/api/v1/audit?limit=5', { token: admin })).body.items
  assert.ok(audit.some((e) => e.actor === `device:${device.key_id}` && e.action.startsWith('mark.')))
})

test('wrong signatures, stale timestamps and unknown keys are refused with 401', async () => {
  const body = { marks: [{ client_id: 'dev-2', entry_id: venueEntry.id, aspect_id: measurement.id, value: 1 }] }
  let r = await post(signed(body, { secret: 'f'.repeat(64) }))
  assert.equal(r.status, 401)
  assert.equal(r.body.error.code, 'bad_signature')
  r = await post(signed(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }))
  assert.equal(r.status, 401)
  r = await post(signed(body, { key: 'dev_unknown' }))
  assert.equal(r.status, 401)
  const tampered = signed(body)
  tampered.raw = tampered.raw.replace('"value":1', '"value":2')
  assert.equal((await post(tampered)).status, 401)
})

test('a device marks only measurement aspects of entrants at its own venue', async () => {
  let r = await post(signed({ marks: [{ client_id: 'dev-3', entry_id: venueEntry.id, aspect_id: judgement.id, value: 2 }] }))
  assert.equal(r.status, 403)
  r = await post(signed({ marks: [{ client_id: 'dev-4', entry_id: otherVenueEntry.id, aspect_id: measurement.id, value: 1 }] }))
  assert.equal(r.status, 403)
})

test('a revoked device is refused', async () => {
  assert.equal((await app.request('POST', `/api/v1/devices/${device.id}/revoke`, { token: admin })).status, 204)
  const r = await post(signed({ marks: [{ client_id: 'dev-5', entry_id: venueEntry.id, aspect_id: measurement.id, value: 1 }] }))
  assert.equal(r.status, 401)
})
