// Page helpers shared by the e2e tests: a fresh page, logging in through the form, picking options
// of Element Plus selects, and screenshots into artifacts/.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { ARTIFACTS } from './env.mjs'

export const sel = (name) => `[data-test="${name}"]`

export async function newPage(env, { locale = 'zh-CN' } = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale,
    acceptDownloads: true
  })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  const consoleErrors = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  page.consoleErrors = consoleErrors
  return page
}

// A judge's or candidate's phone (390×844, touch); the page's context is page.context().
export async function newPhonePage(env) {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN'
  })
  context.setDefaultTimeout(15000)
  const phone = await context.newPage()
  phone.consoleErrors = []
  phone.on('pageerror', (e) => phone.consoleErrors.push(String(e)))
  return phone
}

/**
 * Fails when a page does not fit a phone: the page scrolls sideways, or something sticks out of a box
 * that clips it (overflow hidden) — a clipped table or value. Boxes that scroll on their own (a wide
 * el-table's body) and text cut with an ellipsis on purpose are fine.
 */
export async function assertFitsPhone(page, what) {
  const { scroll, width, clipped } = await page.evaluate(() => {
    const clipper = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX
        if (o === 'auto' || o === 'scroll') return null
        if (o === 'hidden' || o === 'clip') return a
      }
      return null
    }
    const clipped = []
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect()
      // An el-table's header follows its scrolling body: clipped by design, never out of reach.
      if (!r.width || getComputedStyle(e).textOverflow === 'ellipsis' || e.closest('.el-table__header-wrapper, .el-table__footer-wrapper')) continue
      const box = clipper(e)
      if (box && r.right > box.getBoundingClientRect().right + 1) {
        clipped.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.innerText || '').slice(0, 20)}"`)
        if (clipped.length === 3) break
      }
    }
    return { scroll: document.documentElement.scrollWidth, width: window.innerWidth, clipped }
  })
  assert.ok(scroll <= width, `${what}: the page is ${scroll}px wide on a ${width}px screen`)
  assert.deepEqual(clipped, [], `${what}: clipped on the right`)
}

export async function shot(page, name) {
  await page.waitForTimeout(400) // let Element Plus transitions (tags, dialogs) finish
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false })
}

/** Runs a test body and saves a screenshot named after it when it throws. */
export async function withShotOnFailure(page, name, fn) {
  try {
    await fn()
  } catch (e) {
    await shot(page, `FAILED-${name}`).catch(() => {})
    if (page.consoleErrors && page.consoleErrors.length) {
      e.message += `\nbrowser console errors:\n${page.consoleErrors.join('\n')}`
    }
    throw e
  }
}

export async function login(page, baseUrl, username, password) {
  await page.goto(baseUrl + '/login')
  await page.locator(sel('login-username')).fill(username)
  await page.locator(sel('login-password')).fill(password)
  await page.locator(sel('login-submit')).click()
  await page.locator(sel('side-menu')).waitFor({ state: 'visible' })
}

/**
 * Opens the Element Plus select `dataTest` and clicks the option whose text matches `text`
 * (a string: contained; a RegExp: matched). `popper` narrows to the select's popper class.
 */
export async function pickOption(page, dataTest, text, { popper, type } = {}) {
  await page.locator(sel(dataTest)).click()
  if (type) await page.locator(`${sel(dataTest)} input`).first().fill(type)
  // This select's own list (its input's aria-controls), so another select's list still fading out after
  // the previous pick cannot take the click.
  const listId = await page.locator(`${sel(dataTest)} input`).first().getAttribute('aria-controls').catch(() => null)
  const scope = popper ? `.${popper} ` : listId ? `[id="${listId}"] ` : ''
  const option = page.locator(`${scope}.el-select-dropdown__item:visible`, { hasText: text }).first()
  await option.click()
}
