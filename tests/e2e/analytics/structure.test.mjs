// 人才分析 · 技能结构 in the browser, on the small demo. The demo HR opens 人才分析 from the menu: their own
// enterprise is picked and the only organisation offered; the headline worker count is the API's; the
// stacked chart of level shares is drawn; a count of the table opens the list of workers of that work type
// and level — exactly that many — and the headline count opens the enterprise's workers; a withheld city
// figure shows "—" with its reason, never 0; the city is refused over the API. On a 390×844 phone the
// same page turns the table into cards and nothing sticks out. The organiser switches from an enterprise
// to the city (the whole tree is offered): the figures follow and the city is compared with nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { apiCaller } from '../lib/competition.mjs'

let env, call
let hrToken, hrOrg // the demo HR's enterprise: { id, name }
let structure // GET /analytics/structure of that enterprise, as the HR reads it
let root // the top of the tree: the city's union

before(async () => {
  env = await startEnv('analytics-structure')
  call = apiCaller(env)
  hrToken = (await call('POST', '/auth/login', env.demoAccounts.hr, undefined, 200)).body.token
  const grant = (await call('GET', '/me', undefined, hrToken, 200)).body.user.grants[0]
  hrOrg = { id: String(grant.org_id), name: grant.org_name }
  structure = (await call('GET', `/analytics/structure?org_id=${hrOrg.id}`, undefined, hrToken, 200)).body
  root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  assert.ok(structure.workers > 0, 'the demo enterprise has workers')
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

/** The first (work type, level) of the structure matching `pick(cell, w)`. */
function findCell(pick) {
  for (const w of structure.work_types) for (const cell of w.levels) if (pick(cell, w)) return { w, cell }
  return null
}

const exactly = (n) => new RegExp(`^${n}$`)
const orgNodes = (page) => page.locator('.analytics-org-popper .el-tree-node__content:visible')

/** Picks an organisation in the page's picker by typing part of its name (the tree filters). */
async function pickOrg(page, name) {
  await page.locator(sel('analytics-org')).click()
  await page.locator(`${sel('analytics-org')} input`).fill(name)
  await orgNodes(page).filter({ hasText: name }).first().click()
}

test('the HR reads their enterprise\'s skill structure and opens the workers behind a count', { timeout: 180000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'analytics-structure', async () => {
      await login(page, env.baseUrl, env.demoAccounts.hr.username, env.demoAccounts.hr.password)
      await page.locator(sel('menu-analytics')).click()
      await page.locator(sel('analytics-page')).waitFor()
      await page.locator(sel('structure-headline')).waitFor()
      assert.match(page.url(), new RegExp(`[?&]org_id=${hrOrg.id}(&|$)`), 'their own enterprise by default')
      assert.ok((await page.locator(sel('analytics-org')).innerText()).includes(hrOrg.name), 'the picker shows it')

      // The headline is the API's.
      assert.equal((await page.locator(sel('sh-workers')).innerText()).trim(), String(structure.workers))
      const pct = (x) => `${Math.round(x * 1000) / 10}%`
      assert.equal((await page.locator(sel('sh-high')).innerText()).trim(), pct(structure.high_skill_share))
      const promotions = structure.promotions
      assert.equal((await page.locator(sel('sh-promotions')).innerText()).trim(), String(promotions))

      // The stacked chart is drawn on a canvas of real size.
      const canvas = page.locator(`${sel('structure-chart')} canvas`).first()
      await canvas.waitFor()
      const box = await canvas.boundingBox()
      assert.ok(box && box.width > 300 && box.height > 100, `the chart has a size: ${JSON.stringify(box)}`)

      // Every work type and today's count of each level that has workers, as the API says.
      for (const w of structure.work_types) {
        assert.equal((await page.locator(sel(`st-total-${w.work_type_id}`)).innerText()).trim(), `共 ${w.total} 人`)
        for (const cell of w.levels.filter((c) => c.count > 0)) {
          assert.equal((await page.locator(sel(`st-count-${w.work_type_id}-${cell.skill_level}`)).innerText()).trim(), String(cell.count))
        }
      }

      // A city figure resting on one to four workers of other enterprises: "—" with the reason, never 0.
      const withheld = findCell((c) => c.city_count === null)
      assert.ok(withheld, 'the demo withholds a city count of the enterprise')
      const dash = page.locator(sel(`st-city-${withheld.w.work_type_id}-${withheld.cell.skill_level}`))
      assert.equal((await dash.innerText()).trim(), '—')
      await dash.locator('.withheld').hover()
      await page.locator('.el-popper:visible', { hasText: '少于5人，不公开' }).waitFor()
      const shown = findCell((c) => c.city_count > 0)
      assert.equal((await page.locator(sel(`st-city-${shown.w.work_type_id}-${shown.cell.skill_level}`)).innerText()).trim(), String(shown.cell.city_count))
      await shot(page, 'S01-structure')

      // The HR is offered their own subtree only, and the city is not theirs to read.
      const orgs = (await call('GET', '/orgs', undefined, hrToken, 200)).body.items
      assert.ok(orgs.every((o) => o.id === hrOrg.id || (o.path_names || []).includes(hrOrg.name)), 'GET /orgs is the HR\'s subtree')
      await page.locator(sel('analytics-org')).click()
      await orgNodes(page).first().waitFor()
      assert.deepEqual((await orgNodes(page).allInnerTexts()).map((s) => s.trim()), orgs.map((o) => o.name))
      assert.ok(!(await orgNodes(page).allInnerTexts()).some((s) => s.includes(root.name)))
      await page.keyboard.press('Escape')
      await call('GET', `/analytics/structure?org_id=${root.id}`, undefined, hrToken, 403)

      // A count of the table opens exactly those workers: the enterprise, the work type, the level.
      const { w, cell } = findCell((c) => c.count > 0)
      await page.locator(sel(`st-count-${w.work_type_id}-${cell.skill_level}`)).click()
      await page.locator(sel('workers-page')).waitFor()
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('org_id'), hrOrg.id)
      assert.equal(url.searchParams.get('work_type_id'), String(w.work_type_id))
      assert.equal(url.searchParams.get('skill_level'), cell.skill_level)
      await page.locator(sel('workers-total'), { hasText: `共 ${cell.count} 条` }).waitFor()
      const rows = page.locator(`${sel('workers-table')} .el-table__body-wrapper .el-table__row`)
      await page.waitForFunction(
        ([s, n]) => document.querySelectorAll(s).length === n,
        [`[data-test="workers-table"] .el-table__body-wrapper .el-table__row`, Math.min(cell.count, 20)]
      )
      for (const text of await rows.allInnerTexts()) {
        assert.ok(text.includes(w.name), `a ${w.name}: ${text}`)
        assert.ok(text.includes({ apprentice: '学徒工', junior: '初级工', intermediate: '中级工', senior: '高级工', technician: '技师', senior_technician: '高级技师', special_technician: '特级技师', chief_technician: '首席技师' }[cell.skill_level]), text)
      }
      const listed = (await call('GET', `/workers?org_id=${hrOrg.id}&work_type_id=${w.work_type_id}&skill_level=${cell.skill_level}&limit=1`, undefined, hrToken, 200)).body
      assert.equal(listed.total, cell.count, 'the list behind the figure has as many workers as the figure')
      await shot(page, 'S02-structure-workers')

      // Back to the analysis (the organisation kept in the address), and the headline opens all the workers.
      await page.goBack()
      await page.locator(sel('sh-workers')).waitFor()
      assert.match(page.url(), new RegExp(`org_id=${hrOrg.id}`))
      await page.locator(sel('sh-workers')).click()
      await page.locator(sel('workers-page')).waitFor()
      await page.locator(sel('workers-total'), { hasText: `共 ${structure.workers} 条` }).waitFor()
      assert.equal(page.consoleErrors.filter((e) => !/401/.test(e)).length, 0, page.consoleErrors.join('\n'))
    })
  } finally {
    await page.context().close()
  }
})

test('on a 390×844 phone the structure fits the screen, the table as cards', { timeout: 120000 }, async () => {
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'analytics-structure-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.hr.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.hr.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('home-page')).waitFor()
      await phone.locator(sel('menu-toggle')).click()
      await phone.locator(`.nav-drawer ${sel('menu-analytics')}`).click()
      await phone.locator(sel('structure-cards')).waitFor()
      assert.equal(await phone.locator(sel('structure-table')).count(), 0, 'no table on a phone')
      assert.equal((await phone.locator(sel('sh-workers')).innerText()).trim(), String(structure.workers))
      await phone.locator(`${sel('structure-chart')} canvas`).first().waitFor()
      await phone.locator(`${sel('age-chart')} canvas`).first().waitFor()
      const { w, cell } = findCell((c) => c.count > 0)
      assert.equal((await phone.locator(sel(`st-count-${w.work_type_id}-${cell.skill_level}`)).innerText()).trim(), String(cell.count))
      const withheld = findCell((c) => c.city_count === null)
      assert.equal((await phone.locator(sel(`st-city-${withheld.w.work_type_id}-${withheld.cell.skill_level}`)).innerText()).trim(), '—')
      await phone.waitForTimeout(300) // the charts settle to their width
      await assertFitsPhone(phone, '技能结构')
      await shot(phone, 'S03-structure-phone')
      await phone.locator(sel('age-chart')).scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '技能结构 (age bands)')
      await shot(phone, 'S04-structure-phone-ages')
    })
  } finally {
    await phone.context().close()
  }
})

test('the organiser switches from an enterprise to the whole city', { timeout: 120000 }, async () => {
  const orgToken = (await call('POST', '/auth/login', env.demoAccounts.organiser, undefined, 200)).body.token
  const city = (await call('GET', `/analytics/structure?org_id=${root.id}`, undefined, orgToken, 200)).body
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'analytics-organiser', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(`${env.baseUrl}/analytics?org_id=${hrOrg.id}`)
      await page.locator(sel('sh-workers'), { hasText: exactly(structure.workers) }).waitFor()
      assert.ok(await page.locator(sel('sh-high-city')).isVisible(), 'an enterprise is compared with the city')

      await pickOrg(page, root.name)
      await page.locator(sel('sh-workers'), { hasText: exactly(city.workers) }).waitFor()
      assert.match(page.url(), new RegExp(`org_id=${root.id}(&|$)`))
      assert.equal(city.workers, (await call('GET', '/workers?limit=1', undefined, orgToken, 200)).body.total, 'the city holds every worker')
      assert.match(await page.locator(sel('structure-as-of')).innerText(), /所选组织即全市/)
      assert.equal(await page.locator(sel('sh-high-city')).count(), 0, 'the city is not compared with itself')
      for (const w of city.work_types) assert.equal((await page.locator(sel(`st-total-${w.work_type_id}`)).innerText()).trim(), `共 ${w.total} 人`)
      await page.locator(`${sel('structure-chart')} canvas`).first().waitFor()
      await shot(page, 'S05-structure-city')

      // And back to the enterprise, found by typing in the tree.
      await pickOrg(page, hrOrg.name)
      await page.locator(sel('sh-workers'), { hasText: exactly(structure.workers) }).waitFor()
      await page.locator(sel('sh-high-city')).waitFor()
    })
  } finally {
    await page.context().close()
  }
})
