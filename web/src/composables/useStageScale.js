import { computed, onBeforeUnmount, onMounted, ref } from 'vue'

/**
 * A fixed-size stage (a big screen's 1920×1080 design) scaled to fit the window, centred: the style of the
 * stage element, which is positioned at 50%/50% of a full-window box.
 */
export function useStageScale(width = 1920, height = 1080) {
  const scale = ref(1)
  const fit = () => (scale.value = Math.min(window.innerWidth / width, window.innerHeight / height))
  onMounted(() => {
    fit()
    window.addEventListener('resize', fit)
  })
  onBeforeUnmount(() => window.removeEventListener('resize', fit))
  return computed(() => ({
    width: width + 'px',
    height: height + 'px',
    transform: `translate(-50%, -50%) scale(${scale.value})`
  }))
}
