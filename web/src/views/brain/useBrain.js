import { onBeforeUnmount, ref, watch } from 'vue'
import { analyticsApi } from '../../api/analytics.js'

const POLL_MS = 10000 // the server shares each organisation's figures for ten seconds
const FINAL = new Set([400, 403, 404]) // answers that asking again will not change

/**
 * GET /analytics/brain of the organisation `orgId()` every ten seconds. `status`: 'loading' until the first
 * answer, 'live', 'stale' while a later call fails (the last figures stay), 'failed' when the server refuses
 * (then `error` holds the ApiError and no figures are kept).
 */
export function useBrain(orgId) {
  const data = ref(null)
  const error = ref(null)
  const status = ref('loading')
  const updatedAt = ref(null)
  let timer = 0
  let asked = 0

  async function poll() {
    clearTimeout(timer)
    const id = orgId()
    if (!id) return
    const mine = ++asked
    try {
      const answer = await analyticsApi.brain(id)
      if (mine !== asked) return
      data.value = answer
      error.value = null
      status.value = 'live'
      updatedAt.value = new Date()
    } catch (e) {
      if (mine !== asked) return
      error.value = e
      if (FINAL.has(e.status) || !data.value) {
        data.value = null
        status.value = 'failed'
        if (FINAL.has(e.status)) return
      } else status.value = 'stale'
    }
    timer = setTimeout(poll, POLL_MS)
  }

  watch(orgId, () => {
    data.value = null
    status.value = 'loading'
    poll()
  }, { immediate: true })
  onBeforeUnmount(() => {
    asked++
    clearTimeout(timer)
  })
  return { data, error, status, updatedAt }
}
