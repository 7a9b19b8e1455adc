import { onBeforeUnmount, onMounted, ref, watch } from 'vue'

/**
 * The big screen's pages shown in turn, `ms()` each; ← and → switch by hand (and restart the wait).
 * Returns `{ page, next, prev, go }`.
 */
export function usePageCycle(count, ms) {
  const page = ref(0)
  let timer = 0
  const restart = () => {
    clearInterval(timer)
    timer = setInterval(() => (page.value = (page.value + 1) % count), ms())
  }
  const go = (n) => {
    page.value = ((n % count) + count) % count
    restart()
  }
  const next = () => go(page.value + 1)
  const prev = () => go(page.value - 1)
  const onKey = (e) => {
    if (e.key === 'ArrowRight' || e.key === 'PageDown') next()
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') prev()
  }
  watch(ms, restart)
  onMounted(() => {
    restart()
    window.addEventListener('keydown', onKey)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    window.removeEventListener('keydown', onKey)
  })
  return { page, next, prev, go }
}
