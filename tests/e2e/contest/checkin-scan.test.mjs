// 扫码检录 in the browser. Set-up through the API: an organiser, a competition in registration with one
// venue and an individual welding event with two entrants. In the UI the organiser opens the entry
// cards and photographs them (Playwright screenshots: the first entrant's QR code as a PNG, the
// second entrant's whole card as a JPEG, and a button — no QR code at all); then, on a 390×844 screen,
// the 报名 tab's 扫码检录 dialog: this Chromium has no camera, so the dialog says the camera is
// unavailable and points to 拍照识别; the QR photo given to 拍照识别 checks the first entrant in (bib,
// name, venue, 检录成功; GET entries agrees), the same photo again shows 已检录, the button's picture
// "no QR code found"; closed, the table shows the check-in; reopened, the count starts again and the
// photo still shows 已检录. Then a second Chromium whose fake camera films the second entrant's card
// (--use-file-for-fake-video-capture with the JPEG as a one-frame MJPEG): the live video checks the
// second entrant in without a click, keeps showing 检录成功 once (the card stays in view: not checked
// in twice), and closing the dialog stops the camera's tracks.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { apiCaller, createStaff, PASSWORD } from '../lib/competition.mjs'

let env
let call
const users = {}
let event, entries
// The "photos", taken from the entry cards page by the first test.
let qrPhoto, notQrPhoto, cardJpeg
const rowsOf = (table) => `${sel(table)} .el-table__body .el-table__row`
const resultKind = (p) => p.locator(sel('scan-result')).getAttribute('data-kind')

before(async () => {
  env = await startEnv('checkin-scan')
  call = apiCaller(env)
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const welding = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '焊工')
  assert.ok(welding, 'the demo has welders')
  Object.assign(users, await createStaff(env, call, root.id, 'e2e.scan', [['organiser', 'organiser', '赛事组织者']]))
  const org = users.organiser.token
  const comp = (await call('POST', '/competitions', {
    name: '2026年温州市焊工技能大赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30'
  }, org, 201)).body
  const venue = (await call('POST', `/competitions/${comp.id}/venues`, { name: '鹿城赛区', city: '温州' }, org, 201)).body
  event = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '焊工', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venue.id]
  }, org, 201)).body
  await call('POST', `/competitions/${comp.id}/status`, { status: 'registration' }, org, 200)
  const workers = (await call('GET', `/workers?work_type_id=${welding.id}&limit=50`, undefined, env.adminToken, 200)).body.items
  for (const w of workers.slice(0, 2)) await call('POST', `/events/${event.id}/entries`, { worker_id: w.id, venue_id: venue.id }, org, 201)
  entries = (await call('GET', `/events/${event.id}/entries`, undefined, org, 200)).body.items
  assert.equal(entries.length, 2)
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

const statusOf = async (entry) =>
  (await call('GET', `/events/${event.id}/entries`, undefined, users.organiser.token, 200)).body.items.find((e) => e.id === entry.id).status

/** Waits for the dialog's result panel to show `kind` (ok | already | error) and returns its text. */
async function resultIs(p, kind) {
  await p.locator(`${sel('scan-result')}[data-kind="${kind}"]`).waitFor()
  return p.locator(sel('scan-result')).innerText()
}

/** Gives the 拍照识别 input a picture, as a phone's camera app would. */
const photograph = (p, name, mimeType, buffer) => p.locator(sel('scan-photo-input')).setInputFiles({ name, mimeType, buffer })

test('the organiser checks entry cards in from photos of their QR codes', { timeout: 120000 }, async () => {
  const [first, second] = entries
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'checkin-scan-photo', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)

      // The cards, every QR code loaded: the photos to scan.
      await p.goto(`${env.baseUrl}/events/${event.id}/cards`)
      await p.waitForFunction(() => {
        const imgs = [...document.querySelectorAll('[data-test="entry-card-qr"]')]
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)
      })
      const cardOf = (e) => p.locator(sel('entry-card')).filter({ has: p.locator(sel('entry-card-bib'), { hasText: e.bib }) })
      qrPhoto = await cardOf(first).locator(sel('entry-card-qr')).screenshot()
      notQrPhoto = await p.locator(sel('cards-print')).screenshot()
      // The second card whole, on an even-sized frame (the fake camera's video).
      const box = await cardOf(second).boundingBox()
      const even = (n) => 2 * Math.ceil(n / 2)
      cardJpeg = await p.screenshot({
        type: 'jpeg',
        quality: 92,
        clip: { x: Math.floor(box.x), y: Math.floor(box.y), width: even(box.width), height: even(box.height) }
      })
      writeFileSync(join(ARTIFACTS, 'checkin-scan-qr.png'), qrPhoto)
      writeFileSync(join(ARTIFACTS, 'checkin-scan-card.jpg'), cardJpeg)

      // The 报名 tab on a phone-sized screen.
      await p.setViewportSize({ width: 390, height: 844 })
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=entries`)
      await p.locator(sel('entries-tab')).waitFor()
      await p.locator(rowsOf('entries-table')).nth(1).waitFor()
      await p.locator(sel('checkin-scan')).click()
      const dialog = p.locator(sel('scan-dialog'))
      await dialog.locator(sel('qr-scanner')).waitFor()
      // No camera in this browser: said plainly, with the way round it.
      const camErr = dialog.locator(sel('scan-camera-error'))
      await camErr.waitFor()
      assert.match(await camErr.innerText(), /摄像头不可用/)
      assert.match(await camErr.innerText(), /拍照识别/)
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 0 人/)
      const dlgBox = await dialog.boundingBox()
      assert.ok(dlgBox.x >= 0 && dlgBox.x + dlgBox.width <= 390, `the dialog fits the phone (${JSON.stringify(dlgBox)})`)
      await shot(p, '90-scan-no-camera')

      // 拍照识别: the first card's QR code.
      await photograph(p, 'card.png', 'image/png', qrPhoto)
      let text = await resultIs(p, 'ok')
      assert.match(text, /检录成功/)
      assert.equal((await dialog.locator(sel('scan-result-bib')).innerText()).trim(), first.bib)
      assert.equal((await dialog.locator(sel('scan-result-name')).innerText()).trim(), first.worker_name)
      assert.match(await dialog.locator(sel('scan-result-venue')).innerText(), /鹿城赛区/)
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 1 人/)
      assert.equal(await dialog.locator(sel('scan-list-item')).count(), 1)
      await shot(p, '91-scan-checked-in')
      assert.equal(await statusOf(first), 'checked_in')
      assert.equal(await statusOf(second), 'registered')

      // The same photo again: already checked in, not counted twice.
      await photograph(p, 'card.png', 'image/png', qrPhoto)
      text = await resultIs(p, 'already')
      assert.match(text, /已检录/)
      assert.doesNotMatch(text, /检录成功/)
      assert.equal((await dialog.locator(sel('scan-result-bib')).innerText()).trim(), first.bib)
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 1 人/)
      assert.match(await dialog.locator(sel('scan-list-item')).innerText(), /检录成功/, 'the list keeps the first outcome')

      // A picture without a QR code.
      await photograph(p, 'button.png', 'image/png', notQrPhoto)
      text = await resultIs(p, 'error')
      assert.match(text, /未找到二维码/)
      assert.equal(await dialog.locator(sel('scan-result-bib')).count(), 0)
      await shot(p, '92-scan-no-qr')

      // Typed into the dialog: a malformed code is caught before sending, an unknown one is the server's 404.
      await dialog.locator(sel('scan-code')).fill('ab0')
      await dialog.locator(sel('scan-code')).press('Enter')
      await p.waitForFunction(() => /6 位字母或数字/.test(document.querySelector('[data-test="scan-result"]').textContent))
      await dialog.locator(sel('scan-code')).fill('zzzzz2')
      await dialog.locator(sel('scan-code-submit')).click()
      await p.waitForFunction(() => /ZZZZZ2 不属于本赛项/.test(document.querySelector('[data-test="scan-result"]').textContent))
      assert.equal(await resultKind(p), 'error')

      // Closed: the table shows the check-in.
      await dialog.locator('.el-dialog__headerbtn').click()
      await dialog.locator(sel('qr-scanner')).waitFor({ state: 'detached' })
      const row = p.locator(rowsOf('entries-table'), { hasText: first.entry_code })
      assert.equal((await row.locator(sel('entry-status')).innerText()).trim(), '已检录')
      await p.waitForFunction(() => /已检录 1 人/.test(document.querySelector('[data-test="entries-tab"]').textContent))

      // Reopened: a new count; the card is known as checked in.
      await p.locator(sel('checkin-scan')).click()
      await dialog.locator(sel('qr-scanner')).waitFor()
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 0 人/)
      assert.equal(await dialog.locator(sel('scan-result')).count(), 0)
      await photograph(p, 'card.png', 'image/png', qrPhoto)
      await resultIs(p, 'already')
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 1 人/)
      await dialog.locator('.el-dialog__headerbtn').click()
      await dialog.locator(sel('qr-scanner')).waitFor({ state: 'detached' })
    })
  } finally {
    await p.context().close()
  }
})

/** A Chromium whose one camera films `file` (MJPEG) and is allowed without asking; startEnv's has none. */
function launchWithCamera(file) {
  return chromium.launch({
    executablePath: process.env.SKB_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 30000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`
    ]
  })
}

test('the live camera checks in the card it sees, once, and stops when the dialog closes', { timeout: 120000 }, async () => {
  assert.ok(cardJpeg, 'the first test photographed the card')
  const [first, second] = entries
  const video = join(ARTIFACTS, 'checkin-scan-card.mjpeg')
  writeFileSync(video, cardJpeg) // one JPEG frame, shown again and again
  const browser = await launchWithCamera(video)
  try {
    const p = await newPage({ browser })
    // Every camera stream the page opens, to see its tracks stopped.
    await p.addInitScript(() => {
      window.__scanStreams = []
      const md = navigator.mediaDevices
      const get = md.getUserMedia.bind(md)
      md.getUserMedia = async (c) => {
        const s = await get(c)
        window.__scanStreams.push(s)
        return s
      }
    })
    await withShotOnFailure(p, 'checkin-scan-camera', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.setViewportSize({ width: 390, height: 844 })
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=entries`)
      await p.locator(rowsOf('entries-table')).nth(1).waitFor()
      await p.locator(sel('checkin-scan')).click()
      const dialog = p.locator(sel('scan-dialog'))
      await dialog.locator(sel('qr-scanner')).waitFor()

      // No click: the video finds the second card's code.
      const text = await resultIs(p, 'ok')
      assert.match(text, /检录成功/)
      assert.equal((await dialog.locator(sel('scan-result-bib')).innerText()).trim(), second.bib)
      assert.equal((await dialog.locator(sel('scan-result-name')).innerText()).trim(), second.worker_name)
      assert.equal(await dialog.locator(sel('scan-camera-error')).count(), 0)
      assert.ok(
        await dialog.locator(sel('scan-video')).evaluate((v) => !v.paused && v.videoWidth > 0),
        'the camera video plays'
      )
      assert.equal(await statusOf(second), 'checked_in')
      await shot(p, '93-scan-camera')

      // The card stays in view for four seconds: still one check-in, still 检录成功.
      await p.waitForTimeout(4000)
      assert.equal(await resultKind(p), 'ok')
      assert.match(await dialog.locator(sel('scan-count')).innerText(), /本次已检录 1 人/)
      assert.equal(await dialog.locator(sel('scan-list-item')).count(), 1)

      // Closing stops the camera.
      await dialog.locator('.el-dialog__headerbtn').click()
      await dialog.locator(sel('qr-scanner')).waitFor({ state: 'detached' })
      const tracks = await p.evaluate(() => window.__scanStreams.flatMap((s) => s.getTracks().map((t) => t.readyState)))
      assert.ok(tracks.length >= 1, 'the dialog opened the camera')
      assert.deepEqual([...new Set(tracks)], ['ended'])
      await p.waitForFunction(() => /已检录 2 人/.test(document.querySelector('[data-test="entries-tab"]').textContent))
      assert.equal(await statusOf(first), 'checked_in')
    })
  } finally {
    await browser.close()
  }
})
