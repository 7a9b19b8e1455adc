import { onBeforeUnmount, ref, watch } from 'vue'

const reduceMotion = () => typeof window !== 'undefined' && window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches

/**
 * A number that counts up (or down) to `source()` whenever it changes: a ref holding the value shown,
 * eased over `duration` ms from the value shown before (from 0 the first time). Not a number: shown as is.
 */
export function useCountUp(source, duration = 1000) {
  const shown = ref(0)
  let frame = 0
  const stop = () => frame && cancelAnimationFrame(frame)
  watch(
    source,
    (target) => {
      stop()
      const to = Number(target)
      if (!Number.isFinite(to) || reduceMotion()) {
        shown.value = Number.isFinite(to) ? to : 0
        return
      }
      const from = Number(shown.value) || 0
      const start = performance.now()
      const step = (now) => {
        const k = Math.min(1, (now - start) / duration)
        shown.value = from + (to - from) * (1 - Math.pow(1 - k, 3))
        frame = k < 1 ? requestAnimationFrame(step) : 0
      }
      frame = requestAnimationFrame(step)
    },
    { immediate: true }
  )
  onBeforeUnmount(stop)
  return shown
}
