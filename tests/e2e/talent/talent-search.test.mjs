// 人才搜索 in the browser: the demo organiser looks for electricians with two dimension scores at or above
// a bar; the page lists what the API finds (count, order, scores), each name opens the worker's page
// with the portrait; the demo HR finds only their own enterprise's workers.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'

let env
before(async () => { env = await startEnv('talent-search') })
after(async () => { await env?.stop() })

test('the organiser searches electricians by dimension scores and opens a portrait from the results', { timeout: 90000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'talent-search', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.locator(sel('menu-talent-search')).click()
      await page.locator(sel('talent-search-page')).waitFor()
      const electrician = (await env.api('GET', '/work-types', undefined, env.adminToken)).body.items.find((w) => w.name === '电工')
      // The first work type is shown by default; pick 电工 by its name.
      await page.locator(sel('ts-work-type')).click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^电工$/ }).click()
      const [d1, d2] = electrician.dimensions
      await page.locator(`${sel('ts-dim-' + d1.id)} input`).fill('40')
      await page.locator(`${sel('ts-dim-' + d2.id)} input`).fill('30')
      await page.locator(`${sel('ts-dim-' + d2.id)} input`).blur()
      await page.locator(sel('ts-search')).click()
      await page.locator(sel('ts-total')).waitFor()
      const orgToken = (await env.api('POST', '/auth/login', env.demoAccounts.organiser)).body.token
      const api = (await env.api('GET', `/talent/search?work_type_id=${electrician.id}&dims=${d1.id}:40,${d2.id}:30&limit=100`, undefined, orgToken)).body
      assert.ok(api.total > 0)
      assert.match(await page.locator(sel('ts-total')).innerText(), new RegExp(`共 ${api.total} 人`))
      const scores = await page.locator(sel('ts-overall-score')).allInnerTexts()
      assert.deepEqual(scores, api.items.map((h) => String(Math.round(h.overall))))
      await shot(page, '95-talent-search')
      // The export link carries the same filters.
      const href = await page.locator(sel('ts-export')).getAttribute('href')
      assert.match(href, new RegExp(`^/api/v1/talent/search\\.xlsx\\?.*work_type_id=${electrician.id}`))
      assert.ok(decodeURIComponent(href).includes(`dims=${d1.id}:40,${d2.id}:30`), href)
      const download = page.waitForEvent('download')
      await page.locator(sel('ts-export')).click()
      const file = await download
      assert.equal(file.suggestedFilename(), '人才搜索.xlsx')
      await page.locator(sel('ts-worker-link')).first().click()
      await page.locator(sel('worker-detail-page')).waitFor()
      await page.locator(sel('portrait-overall')).waitFor()
      assert.match(page.url(), new RegExp(`/workers/${api.items[0].worker_id}$`))
    })
  } finally {
    await page.context().close()
  }
})
