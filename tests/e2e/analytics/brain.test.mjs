// 技能大脑 big screen in the browser, on the small demo. The demo organiser opens it for the city from
// 人才分析 (a new tab) on a 1920×1080 screen: the worker count of 技能人才总览 is the API's, the target set
// over the API is marked, the district chart is drawn; → leads to 技能等级结构 (its chart drawn) and to
// 赛事直播, where each event under way shows its board and the same three leaders as the API; 进步之星 lists
// the API's improvers. Nothing sticks out at 1920×1080 nor at 1280×720. Without a session the screen asks
// for a login; a worker is refused (403): a message and no figures.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { apiCaller } from '../lib/competition.mjs'

let env, call
let orgToken, root // the demo organiser and the top of the tree (the city's union)
let brain // GET /analytics/brain of the city, as the organiser reads it

before(async () => {
  env = await startEnv('analytics-brain')
  call = apiCaller(env)
  orgToken = (await call('POST', '/auth/login', env.demoAccounts.organiser, undefined, 200)).body.token
  root = (await call('GET', '/orgs', undefined, orgToken, 200)).body.items.find((o) => o.parent_id === null)
  await call('PUT', `/orgs/${root.id}/high-skill-target`, { high_skill_share: 0.6 }, orgToken, 200)
  brain = (await call('GET', `/analytics/brain?org_id=${root.id}`, undefined, orgToken, 200)).body
  assert.ok(brain.structure.workers > 0, 'the demo city has workers')
  assert.equal(brain.high_skill_target, 0.6)
  assert.ok(brain.districts.length > 0, 'the city has districts')
  assert.ok(brain.live.length > 0, 'the demo competition is under way')
}, { timeout: 180000 })

after(async () => {
  await env?.stop()
})

async function newScreen(width, height) {
  const context = await env.browser.newContext({ viewport: { width, height }, locale: 'zh-CN' })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  watchErrors(page)
  return page
}

function watchErrors(page) {
  page.consoleErrors = []
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()))
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)))
}

/** The page shown is `n` (1–4), its transition over. */
async function onPage(page, n, what) {
  await page.locator(`${sel(`brain-page-${n}`)}.on`).waitFor()
  await page.locator(sel(what)).waitFor()
  await page.waitForTimeout(700)
}

/**
 * Fails when the screen scrolls sideways, the stage leaves the window, or something sticks out on the right
 * of the box that clips it (text cut with an ellipsis on purpose is fine).
 */
async function assertFits(page, what) {
  const r = await page.evaluate(() => {
    const stage = document.querySelector('[data-test="brain-stage"]').getBoundingClientRect()
    const clipper = (e) => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX
        if (o === 'hidden' || o === 'clip' || o === 'auto' || o === 'scroll') return a
      }
      return null
    }
    const out = []
    for (const e of document.querySelectorAll('[data-test="brain-stage"] *')) {
      const b = e.getBoundingClientRect()
      if (!b.width || getComputedStyle(e).textOverflow === 'ellipsis') continue
      const box = clipper(e)
      if (box && b.right > box.getBoundingClientRect().right + 1) out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.innerText || '').slice(0, 24)}"`)
      if (out.length === 3) break
    }
    return {
      scroll: document.documentElement.scrollWidth,
      scrollH: document.documentElement.scrollHeight,
      width: innerWidth,
      height: innerHeight,
      stage: { left: stage.left, top: stage.top, right: stage.right, bottom: stage.bottom },
      out
    }
  })
  assert.ok(r.scroll <= r.width, `${what}: the page is ${r.scroll}px wide in a ${r.width}px window`)
  assert.ok(r.scrollH <= r.height, `${what}: the page is ${r.scrollH}px high in a ${r.height}px window`)
  assert.ok(r.stage.left >= -1 && r.stage.top >= -1 && r.stage.right <= r.width + 1 && r.stage.bottom <= r.height + 1, `${what}: the stage ${JSON.stringify(r.stage)} leaves the window`)
  assert.deepEqual(r.out, [], `${what}: sticks out on the right`)
}

async function canvasSize(page, chart) {
  const canvas = page.locator(`${sel(chart)} canvas`).first()
  await canvas.waitFor()
  return canvas.boundingBox()
}

test('the organiser opens the city\'s Skills Brain from 人才分析 and its pages show the API\'s figures', { timeout: 240000 }, async () => {
  const page = await newScreen(1920, 1080)
  let screen = page
  try {
    await withShotOnFailure(page, 'brain-organiser', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(`${env.baseUrl}/analytics?org_id=${root.id}`)
      await page.locator(sel('structure-headline')).waitFor()
      const [tab] = await Promise.all([page.context().waitForEvent('page'), page.locator(sel('analytics-open-brain')).click()])
      screen = tab
      watchErrors(screen)
      await screen.waitForLoadState()
      assert.equal(new URL(screen.url()).pathname, '/brain')
      assert.equal(new URL(screen.url()).searchParams.get('org_id'), String(root.id))
    })

    await withShotOnFailure(screen, 'brain-screen', async () => {
      // 1 技能人才总览: the count (once counted up) is the API's; the target is marked; the districts drawn.
      await screen.locator(sel('brain-overview')).waitFor()
      assert.equal((await screen.locator(sel('brain-org')).innerText()).trim(), brain.structure.org_name)
      await screen.waitForFunction(
        (n) => document.querySelector('[data-test="brain-workers"]')?.textContent.trim() === String(n),
        brain.structure.workers
      )
      const pct = Math.round(brain.structure.high_skill_share * 1000) / 10
      await screen.waitForFunction((s) => document.querySelector('[data-test="brain-high-share"]')?.textContent.trim() === s, pct.toFixed(1))
      assert.match(await screen.locator(sel('brain-target')).innerText(), /60%/)
      await screen.locator(sel('brain-target-tick')).waitFor()
      await screen.waitForFunction(
        (n) => document.querySelector('[data-test="brain-promotions"]')?.textContent.trim() === String(n),
        brain.structure.promotions
      )
      const box = await canvasSize(screen, 'brain-district-chart')
      assert.ok(box && box.width > 600 && box.height > 300, `the district chart has a size: ${JSON.stringify(box)}`)
      const rows = await screen.locator(sel('brain-district-row')).allInnerTexts()
      assert.equal(rows.length, Math.min(10, brain.districts.length))
      brain.districts.slice(0, 10).forEach((d, i) => assert.ok(rows[i].includes(d.name), `district ${i + 1}: ${rows[i]}`))
      await screen.waitForTimeout(1200) // the count-up and the charts' first animation
      await assertFits(screen, 'overview at 1920×1080')
      await shot(screen, 'B01-brain-overview')

      // → 2 技能等级结构: the stacked chart and one row per work type.
      await screen.keyboard.press('ArrowRight')
      await onPage(screen, 2, 'brain-structure')
      const levels = await canvasSize(screen, 'brain-level-chart')
      assert.ok(levels && levels.width > 600 && levels.height > 400, `the level chart has a size: ${JSON.stringify(levels)}`)
      await canvasSize(screen, 'brain-change-chart')
      const types = brain.structure.work_types.filter((w) => w.total > 0 || w.year_ago_total > 0)
      assert.equal(await screen.locator(sel('brain-work-type')).count(), Math.min(8, types.length))
      await assertFits(screen, 'structure at 1920×1080')
      await shot(screen, 'B02-brain-structure')

      // → 3 赛事直播: each event under way with its board and the API's three leaders.
      await screen.keyboard.press('ArrowRight')
      await onPage(screen, 3, 'brain-live')
      const cards = screen.locator(sel('brain-live-event'))
      assert.equal(await cards.count(), Math.min(6, brain.live.length))
      for (const ev of brain.live.slice(0, 6)) {
        const card = screen.locator(`${sel('brain-live-event')}[data-event="${ev.event_id}"]`)
        assert.equal((await card.locator(sel('brain-board-id')).innerText()).trim(), `大屏 ${ev.board_id}`)
        assert.ok(ev.title.endsWith((await card.locator(sel('brain-event-name')).innerText()).trim()), `the event's name: ${ev.title}`)
        const names = (await card.locator(sel('brain-leader-name')).allInnerTexts()).map((s) => s.trim())
        assert.equal(names.length, 3, `${ev.title}: three leaders`)
        assert.deepEqual(names, ev.leaders.rows.slice(0, 3).map((r) => r.name), ev.title)
      }
      await assertFits(screen, 'live at 1920×1080')
      await shot(screen, 'B03-brain-live')

      // → 4 进步之星: the API's improvers, and the age bands drawn.
      await screen.keyboard.press('ArrowRight')
      await onPage(screen, 4, 'brain-improvers')
      const stars = (await screen.locator(sel('brain-improver-name')).allInnerTexts()).map((s) => s.trim())
      assert.deepEqual(stars, brain.improvers.map((w) => w.name))
      await canvasSize(screen, 'brain-age-chart')
      await assertFits(screen, 'improvers at 1920×1080')
      await shot(screen, 'B04-brain-improvers')

      // → wraps round to the overview; ← goes back.
      await screen.keyboard.press('ArrowRight')
      await onPage(screen, 1, 'brain-overview')
      await screen.keyboard.press('ArrowLeft')
      await onPage(screen, 4, 'brain-improvers')

      // A 1280×720 window: the same stage scaled down, nothing sticking out, on every page.
      await screen.setViewportSize({ width: 1280, height: 720 })
      for (const [n, what] of [[4, 'brain-improvers'], [1, 'brain-overview'], [2, 'brain-structure'], [3, 'brain-live']]) {
        if (n !== 4) await screen.keyboard.press('ArrowRight')
        await onPage(screen, n, what)
        await screen.waitForTimeout(500) // the charts follow the new size
        await assertFits(screen, `${what} at 1280×720`)
      }
      const stage = await screen.locator(sel('brain-stage')).boundingBox()
      assert.ok(Math.abs(stage.width - 1280) < 2 && Math.abs(stage.height - 720) < 2, `the stage is scaled to the window: ${JSON.stringify(stage)}`)
      await shot(screen, 'B05-brain-live-1280')
      assert.equal(screen.consoleErrors.length, 0, screen.consoleErrors.join('\n'))
    })
  } finally {
    await page.context().close()
  }
})

test('the screen waits for the 赛事直播 page on its own (every ?every= seconds)', { timeout: 120000 }, async () => {
  const page = await newScreen(1920, 1080)
  try {
    await withShotOnFailure(page, 'brain-cycle', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(`${env.baseUrl}/brain?every=5`) // no org_id: the organiser's first grant, the city
      await page.locator(sel('brain-overview')).waitFor()
      assert.equal((await page.locator(sel('brain-org')).innerText()).trim(), root.name)
      await page.locator(sel('brain-live')).waitFor({ timeout: 20000 })
      const first = brain.live[0]
      const names = await page.locator(`${sel('brain-live-event')}[data-event="${first.event_id}"] ${sel('brain-leader-name')}`).allInnerTexts()
      assert.deepEqual(names.map((s) => s.trim()), first.leaders.rows.slice(0, 3).map((r) => r.name))
    })
  } finally {
    await page.context().close()
  }
})

test('without a session the screen asks for a login; a worker is refused without figures', { timeout: 120000 }, async () => {
  const page = await newScreen(1920, 1080)
  try {
    await withShotOnFailure(page, 'brain-worker', async () => {
      await page.goto(`${env.baseUrl}/brain?org_id=${root.id}`)
      await page.locator(sel('login-username')).waitFor()
      assert.equal(new URL(page.url()).pathname, '/login')

      const workerToken = (await call('POST', '/auth/login', env.demoAccounts.worker, undefined, 200)).body.token
      await call('GET', `/analytics/brain?org_id=${root.id}`, undefined, workerToken, 403)
      await page.locator(sel('login-username')).fill(env.demoAccounts.worker.username)
      await page.locator(sel('login-password')).fill(env.demoAccounts.worker.password)
      await page.locator(sel('login-submit')).click()
      await page.waitForURL((u) => u.pathname === '/brain')
      for (const url of [`/brain?org_id=${root.id}`, '/brain']) {
        if (url !== `/brain?org_id=${root.id}`) await page.goto(env.baseUrl + url)
        await page.locator(sel('brain-refused')).waitFor()
        assert.match(await page.locator(sel('brain-refused')).innerText(), /无权查看该组织的技能大脑/)
        assert.equal(await page.locator(sel('brain-workers')).count(), 0, 'no figures')
        assert.equal(await page.locator(sel('brain-district-chart')).count(), 0, 'no chart')
      }
      await shot(page, 'B06-brain-refused')
    })
  } finally {
    await page.context().close()
  }
})
