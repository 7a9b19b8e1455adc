// How the 技能大脑 big screen writes and colours its figures (GET /analytics/brain).
import { SKILL_LEVELS } from '../../utils/domain.js'

// 高级工 and above: the high-skilled.
export const HIGH_LEVELS = SKILL_LEVELS.slice(SKILL_LEVELS.indexOf('senior'))

// One colour per level on the dark screen, lowest first: deep blue → cyan → green → amber → red.
export const BRAIN_LEVEL_COLOUR = {
  apprentice: '#2a4a80',
  junior: '#2f6fd0',
  intermediate: '#1fa2ff',
  senior: '#1ed6d0',
  technician: '#3cf0b4',
  senior_technician: '#ffd36a',
  special_technician: '#ff9f43',
  chief_technician: '#ff5a5a'
}

/** A share (0–1) in percent, one decimal: 0.57 → 57 (a number, for counting up); null stays null. */
export const percent = (share) => (share === null || share === undefined ? null : Math.round(share * 1000) / 10)

/** A signed change as text: "+3", "−2", "0" (a real minus sign); `digits` decimals. */
export function signed(delta, digits = 0) {
  const d = Number((Number(delta) || 0).toFixed(digits))
  if (!d) return '0'
  return (d > 0 ? '+' : '−') + Math.abs(d).toFixed(digits)
}

/** 'up' | 'down' | '' for colouring a change. */
export const trend = (delta) => (delta > 0 ? 'up' : delta < 0 ? 'down' : '')

/** A work type's high-skilled share a year ago, from its levels; null without workers then. */
export function yearAgoHighShare(w) {
  if (!w.year_ago_total) return null
  const high = w.levels.filter((c) => HIGH_LEVELS.includes(c.skill_level)).reduce((n, c) => n + (c.year_ago || 0), 0)
  return high / w.year_ago_total
}

/** Per level, lowest first: `{ level, now, yearAgo }` summed over the work types. */
export function levelTotals(workTypes) {
  return SKILL_LEVELS.map((level) => {
    let now = 0
    let yearAgo = 0
    for (const w of workTypes)
      for (const c of w.levels)
        if (c.skill_level === level) {
          now += c.count || 0
          yearAgo += c.year_ago || 0
        }
    return { level, now, yearAgo }
  })
}

/** At most `n` characters, then "…". */
export const clip = (text, n) => (text && text.length > n ? text.slice(0, n) + '…' : text || '')
