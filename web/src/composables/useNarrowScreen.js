// Whether the screen is phone-narrow (≤ 768 px), kept current as it turns or resizes: the layout turns
// its sidebar into a drawer, and two-column cards become one column.
import { onBeforeUnmount, ref } from 'vue'

const QUERY = '(max-width: 768px)'

export function useNarrowScreen(onChange) {
  const query = window.matchMedia(QUERY)
  const narrow = ref(query.matches)
  const listener = (e) => {
    narrow.value = e.matches
    if (onChange) onChange(e.matches)
  }
  query.addEventListener('change', listener)
  onBeforeUnmount(() => query.removeEventListener('change', listener))
  return narrow
}
