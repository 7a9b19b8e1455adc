// 人才分析 · 晋级梯队 in the browser, on the small demo. The demo organiser (who reads the whole city) opens
// the tab for the demo worker's enterprise, picks 电工 (the demo sets its bars): the headline (considered,
// ready, within reach) and both lists are GET /analytics/pipeline's — each worker with current → next level,
// one chip per bar coloured by its status and the shortfall; then the whole city, picked in the tree, the
// same way, a name opening the worker. 焊工 has no bars
// in the demo: the tab says so and where to set them. On a 390×844 phone the city's tab fits the screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, pickOption, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { apiCaller } from '../lib/competition.mjs'

let env, call
let orgToken
let enterprise // the demo worker's enterprise: { id, name }
let electrician, welder // work types
let root // the city's union
let pipeline // GET /analytics/pipeline of the enterprise and 电工, as the organiser reads it

const LEVEL = { apprentice: '学徒工', junior: '初级工', intermediate: '中级工', senior: '高级工', technician: '技师', senior_technician: '高级技师', special_technician: '特级技师', chief_technician: '首席技师' }

before(async () => {
  env = await startEnv('analytics-pipeline')
  call = apiCaller(env)
  orgToken = (await call('POST', '/auth/login', env.demoAccounts.organiser, undefined, 200)).body.token
  const workerToken = (await call('POST', '/auth/login', env.demoAccounts.worker, undefined, 200)).body.token
  const me = (await call('GET', '/me/worker', undefined, workerToken, 200)).body
  enterprise = { id: String(me.org_id), name: me.org_name }
  root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const types = (await call('GET', '/work-types', undefined, orgToken, 200)).body.items
  electrician = types.find((w) => w.name === '电工')
  welder = types.find((w) => w.name === '焊工')
  // Papers are drawn at random, so the demo's portraits differ from run to run: a low overall bar for every
  // level makes sure someone in the city is ready (this test's own server; the demo's bars stay elsewhere).
  for (const level of Object.keys(LEVEL))
    await call('PUT', `/work-types/${electrician.id}/level-bars`, { skill_level: level, bars: [{ dimension_id: null, bar: 20 }] }, orgToken, 200)
  pipeline = (await call('GET', `/analytics/pipeline?org_id=${enterprise.id}&work_type_id=${electrician.id}`, undefined, orgToken, 200)).body
  assert.deepEqual((await call('GET', `/work-types/${welder.id}/level-bars`, undefined, orgToken, 200)).body.items, [], 'the demo sets no bars for 焊工')
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

const exactly = (n) => new RegExp(`^${n}$`)
const text = async (page, name) => (await page.locator(sel(name)).innerText()).trim()

const orgNodes = (page) => page.locator('.analytics-org-popper .el-tree-node__content:visible')

/** Picks an organisation in the page's picker by typing part of its name (the tree filters). */
async function pickOrg(page, name) {
  await page.locator(sel('analytics-org')).click()
  await page.locator(`${sel('analytics-org')} input`).fill(name)
  await orgNodes(page).filter({ hasText: name }).first().click()
}

/** Both lists as the API's: each worker's name, department, levels, chips (status per bar) and shortfall. */
async function checkLists(page, answer) {
  for (const [stage, list] of [['ready', answer.ready], ['within_reach', answer.within_reach]]) {
    const cards = page.locator(`${sel(`pipeline-${stage}`)} ${sel('pipeline-worker')}`)
    assert.equal(await cards.count(), list.length, `${stage}: as many as the API's`)
    if (!list.length) await page.locator(sel(`pipeline-${stage}-empty`)).waitFor()
    for (const [i, w] of list.entries()) {
      const card = cards.nth(i)
      const t = await card.innerText()
      assert.ok(t.includes(w.name) && t.includes(w.org_name), t)
      assert.ok(t.includes(LEVEL[w.skill_level]) && t.includes(LEVEL[w.next_level]), `current → next level: ${t}`)
      assert.deepEqual(await chipsOf(card), w.bars.map((b) => b.status), `${w.name}: one chip per bar, coloured by status`)
      const overall = w.bars.find((b) => b.dimension_id === null)
      if (overall) {
        const score = overall.score === null ? '无证据' : Math.round(overall.score * 10) / 10
        assert.ok(t.replace(/\s/g, '').includes(`综合能力${score}/${overall.bar}`), `the overall chip shows score/bar: ${t}`)
      }
      if (stage === 'within_reach') {
        const shortfall = (await card.locator(sel('pipeline-shortfall')).innerText()).trim()
        assert.equal(shortfall, w.shortfall > 0 ? `最多差 ${Math.round(w.shortfall * 10) / 10} 分` : '得分均已过门槛，证据尚待充分')
      }
    }
  }
}

/** The chips of one worker's card as [status, "name score/bar"] — the API's bars in the same order. */
async function chipsOf(card) {
  const chips = card.locator(sel('pipeline-chip'))
  const out = []
  for (let i = 0; i < (await chips.count()); i++) out.push(await chips.nth(i).getAttribute('data-status'))
  return out
}

test('the organiser reads the 电工 pipeline of the demo worker\'s enterprise', { timeout: 180000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'analytics-pipeline', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(`${env.baseUrl}/analytics?org_id=${enterprise.id}`)
      await page.locator('#tab-pipeline').click()
      await page.locator(sel('pipeline-work-type')).waitFor()
      await pickOption(page, 'pipeline-work-type', /^电工$/)
      await page.locator(sel('ph-considered'), { hasText: exactly(pipeline.considered) }).waitFor()
      assert.match(page.url(), new RegExp(`work_type_id=${electrician.id}(&|$)`))
      assert.equal(await text(page, 'ph-ready'), String(pipeline.ready.length))
      assert.equal(await text(page, 'ph-within'), String(pipeline.within_reach.length))

      await checkLists(page, pipeline)
      await shot(page, 'P01-pipeline')

      // The whole city, picked in the tree (the work type kept): its lists too, and a name opens the worker.
      const city = (await call('GET', `/analytics/pipeline?org_id=${root.id}&work_type_id=${electrician.id}`, undefined, orgToken, 200)).body
      assert.ok(city.ready.length + city.within_reach.length > 0, 'someone in the city is ready or within reach')
      await pickOrg(page, root.name)
      await page.locator(sel('ph-considered'), { hasText: exactly(city.considered) }).waitFor()
      assert.match(page.url(), new RegExp(`org_id=${root.id}&.*work_type_id=${electrician.id}`))
      assert.equal(await text(page, 'ph-ready'), String(city.ready.length))
      assert.equal(await text(page, 'ph-within'), String(city.within_reach.length))
      await checkLists(page, city)
      await shot(page, 'P02-pipeline-city')
      const w = city.ready[0] || city.within_reach[0]
      await page.locator(sel('pipeline-worker-link'), { hasText: w.name }).first().click()
      await page.waitForURL(new RegExp(`/workers/${w.worker_id}$`))
      await page.goBack()
      await page.locator(sel('ph-considered'), { hasText: exactly(city.considered) }).waitFor()

      // 焊工 has no bars: the tab says so and where to set them.
      await pickOption(page, 'pipeline-work-type', /^焊工$/)
      await page.locator(sel('pipeline-no-bars')).waitFor()
      assert.match(await page.locator(sel('pipeline-no-bars')).innerText(), /该工种尚未设定晋级门槛[\s\S]*工种与能力维度/)
      assert.equal(await page.locator(sel('pipeline-headline')).count(), 0)
      await page.locator(sel('pipeline-set-bars')).click()
      await page.waitForURL(/\/work-types$/)
      assert.equal(page.consoleErrors.filter((e) => !/401/.test(e)).length, 0, page.consoleErrors.join('\n'))
    })
  } finally {
    await page.context().close()
  }
})

test('on a 390×844 phone the pipeline fits the screen', { timeout: 120000 }, async () => {
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'analytics-pipeline-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.organiser.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.organiser.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('home-page')).waitFor()
      // The city: the demo's workers get their levels and evidence at random, and an enterprise may have nobody
      // on either list, while the city's 电工 have someone (checked by the first test).
      const city = (await call('GET', `/analytics/pipeline?org_id=${root.id}&work_type_id=${electrician.id}`, undefined, orgToken, 200)).body
      await phone.goto(`${env.baseUrl}/analytics?org_id=${root.id}&tab=pipeline&work_type_id=${electrician.id}`)
      await phone.locator(sel('ph-considered'), { hasText: exactly(city.considered) }).waitFor()
      assert.equal(await text(phone, 'ph-ready'), String(city.ready.length))
      assert.equal(await text(phone, 'ph-within'), String(city.within_reach.length))
      await phone.locator(sel('pipeline-chip')).first().waitFor()
      await assertFitsPhone(phone, '晋级梯队')
      await shot(phone, 'P03-pipeline-phone')
      await phone.locator(sel('pipeline-worker')).first().scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '晋级梯队 (chips)')
      await shot(phone, 'P04-pipeline-phone-chips')
    })
  } finally {
    await phone.context().close()
  }
})
