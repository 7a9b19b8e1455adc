import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus, { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'

import App from './App.vue'
import { i18n } from './i18n/index.js'
import { router } from './router/index.js'
import { setUnauthorizedHandler } from './api/client.js'
import { useAuthStore } from './stores/auth.js'
import { useDirectoryStore } from './stores/directory.js'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(router)
app.use(ElementPlus)

// A 401 from any API call: the session is gone. Forget the user and go to the login page.
setUnauthorizedHandler(() => {
  const auth = useAuthStore()
  const wasLoggedIn = auth.loggedIn
  auth.clear()
  useDirectoryStore().reset()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    if (wasLoggedIn) ElMessage.warning(i18n.global.t('auth.sessionExpired'))
    router.replace({ name: 'login', query: { redirect: current.fullPath } })
  }
})

router.afterEach((to) => {
  const t = i18n.global.t
  document.title = (to.meta.title ? t(to.meta.title) + ' - ' : '') + t('app.name')
})

app.mount('#app')
