// 试题图片: the organiser adds a picture to a new question's stem and one to an option in the question
// dialog (raw bytes to POST /question-assets), sees the server's message for a file that is no
// picture, saves, and the bank list shows the stem's thumbnail (loaded from GET /question-assets/{key}).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, pickOption, withShotOnFailure } from '../lib/ui.mjs'
import { RUN } from '../lib/data.mjs'
import { apiCaller, PASSWORD } from '../lib/competition.mjs'

// A valid 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
let env, call, page, workType, organiser

const loaded = (locator) => locator.evaluate((img) => img.complete && img.naturalWidth > 0)

before(async () => {
  env = await startEnv('question-images')
  call = apiCaller(env)
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  workType = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items[0]
  const username = `qimg.organiser.${RUN}`.toLowerCase()
  await call('POST', '/users', { username, password: PASSWORD, display_name: 'organiser', grants: [{ role: 'organiser', org_id: root.id }] }, env.adminToken, 201)
  organiser = { username }
  page = await newPage(env)
}, { timeout: 120000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (env) await env.stop()
})

test('organiser adds pictures to a question; the bank shows the thumbnail', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'question-images', async () => {
    await login(page, env.baseUrl, organiser.username, PASSWORD)
    page.consoleErrors.length = 0 // the login page's GET /me (401) is expected
    await page.goto(env.baseUrl + '/bank')
    await page.locator(sel('bank-create')).click()
    const dialog = page.locator(sel('question-dialog'))
    await dialog.waitFor({ state: 'visible' })
    await pickOption(page, 'qf-work-type', workType.name)
    const stem = `图片题 ${RUN}`
    await page.locator(sel('qf-stem')).fill(stem)
    for (let i = 0; i < 4; i++) await page.locator(sel('qf-option-' + i)).fill(`选项${i + 1}`)
    await page.locator(sel('qf-correct-0')).click()

    // Not a picture: the server's message.
    const stemInput = page.locator(`${sel('qf-stem-upload')} input[type=file]`)
    await stemInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('no picture here') })
    const err = page.locator(sel('qf-error'))
    await err.waitFor({ state: 'visible' })
    const msg = (await err.innerText()).trim()
    assert.ok(msg && !/^HTTP /.test(msg), `server message shown: ${msg}`)
    assert.equal(await page.locator(sel('qf-stem-image-0')).count(), 0)

    // A real PNG on the stem and one on option B.
    await stemInput.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG })
    const thumb = page.locator(`${sel('qf-stem-image-0')} img`)
    await thumb.waitFor({ state: 'visible' })
    await page.waitForFunction((s) => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0 }, `${sel('qf-stem-image-0')} img`)
    await page.locator(`${sel('qf-option-upload-1')} input[type=file]`).setInputFiles({ name: 'b.png', mimeType: 'image/png', buffer: PNG })
    await page.locator(`${sel('qf-option-image-1')} img`).waitFor({ state: 'visible' })
    await shot(page, 'question-images-dialog')
    await page.locator(sel('qf-save')).click()
    await dialog.waitFor({ state: 'hidden' })

    // Saved with the keys …
    const found = (await call('GET', `/questions?q=${encodeURIComponent(stem)}&limit=5`, undefined, env.adminToken, 200)).body.items
    const q = found.find((x) => x.stem === stem)
    assert.ok(q, 'question saved')
    assert.equal(q.images.length, 1)
    assert.match(q.images[0], /\.png$/)
    assert.ok(q.options[1].image, 'option B has its picture')
    assert.ok(!q.options[0].image)

    // … and the bank list shows the stem's thumbnail.
    await page.locator(sel('bank-filter-q')).fill(stem)
    await page.locator(sel('bank-filter-q')).press('Enter')
    const listed = page.locator(sel('bank-stem-image')).first()
    await listed.waitFor({ state: 'visible' })
    await page.waitForFunction((s) => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0 }, sel('bank-stem-image'))
    assert.ok(await loaded(listed))
    await shot(page, 'question-images-bank')
    assert.deepEqual(page.consoleErrors.filter((e) => !/status of 400/.test(e)) /* the refused upload */, [])
  })
})
