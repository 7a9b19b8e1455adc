import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '../stores/auth.js'
import AppLayout from '../layout/AppLayout.vue'

// meta.need names a permission of utils/domain.js `can`; meta.title an i18n key.
const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/auth/LoginView.vue'),
    meta: { public: true, title: 'auth.title' }
  },
  // Live boards: the big screen and the phone page work without a session and without the app's
  // menu and header (venue PCs, spectators' phones).
  {
    path: '/screen/:boardId',
    name: 'board-screen',
    component: () => import('../views/boards/ScreenView.vue'),
    meta: { public: true, title: 'board.screenTitle' }
  },
  {
    path: '/live/:boardId',
    name: 'board-live',
    component: () => import('../views/boards/LiveView.vue'),
    meta: { public: true, title: 'board.liveTitle' }
  },
  // 参赛证: a print page (A4 sheets of entry cards with their check-in QR codes), without the app's
  // menu and header; organisers only (the QR images are theirs to read).
  {
    path: '/events/:id/cards',
    name: 'event-cards',
    component: () => import('../views/competitions/EntryCardsView.vue'),
    meta: { title: 'cards.title', need: 'manageCompetitions' }
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/home/HomeView.vue'),
        meta: { title: 'menu.home', need: 'readDirectory' }
      },
      {
        path: 'orgs',
        name: 'orgs',
        component: () => import('../views/orgs/OrgsView.vue'),
        meta: { title: 'menu.orgs', need: 'readDirectory' }
      },
      {
        path: 'work-types',
        name: 'work-types',
        component: () => import('../views/work-types/WorkTypesView.vue'),
        meta: { title: 'menu.workTypes', need: 'readWorkTypes' }
      },
      {
        path: 'workers',
        name: 'workers',
        component: () => import('../views/workers/WorkersView.vue'),
        meta: { title: 'menu.workers', need: 'readDirectory' }
      },
      {
        path: 'workers/:id',
        name: 'worker-detail',
        component: () => import('../views/workers/WorkerDetailView.vue'),
        meta: { title: 'worker.title', need: 'readDirectory', menu: 'workers' }
      },
      {
        path: 'me/worker',
        name: 'my-record',
        component: () => import('../views/me/MyRecordView.vue'),
        meta: { title: 'menu.myRecord', need: 'ownRecord' }
      },
      {
        path: 'competitions',
        name: 'competitions',
        component: () => import('../views/competitions/CompetitionsView.vue'),
        meta: { title: 'menu.competitions', need: 'readCompetitions' }
      },
      {
        path: 'competitions/:id',
        name: 'competition-detail',
        component: () => import('../views/competitions/CompetitionDetailView.vue'),
        meta: { title: 'competition.detailTitle', need: 'readCompetitions', menu: 'competitions' }
      },
      {
        path: 'events/:id',
        name: 'event-detail',
        component: () => import('../views/competitions/EventView.vue'),
        meta: { title: 'event.title', need: 'readCompetitions', menu: 'competitions' }
      },
      {
        path: 'live',
        name: 'live',
        component: () => import('../views/boards/BoardsView.vue'),
        meta: { title: 'menu.live', need: 'readBoards' }
      },
      {
        path: 'judging',
        name: 'judging',
        component: () => import('../views/judging/JudgingView.vue'),
        meta: { title: 'menu.judging', need: 'markEntries' }
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('../views/users/UsersView.vue'),
        meta: { title: 'menu.users', need: 'manageUsers' }
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('../views/audit/AuditView.vue'),
        meta: { title: 'menu.audit', need: 'readAudit' }
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { title: 'notFound.title' }
      }
    ]
  }
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes
})

/** The first page a user may open (a worker-only account lands on its own record). */
export function landingRoute(auth) {
  const c = auth.can
  if (c.judgeOnly) return { name: 'judging' }
  if (c.readDirectory) return { name: 'home' }
  if (c.ownRecord) return { name: 'my-record' }
  if (c.readWorkTypes) return { name: 'work-types' }
  return { name: 'home' }
}

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.fetchMe()
    } catch {
      /* server unreachable: treat as logged out; the login page will show the error on submit */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.loggedIn) return landingRoute(auth)
    return true
  }
  if (!auth.loggedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.need && !auth.can[to.meta.need]) {
    const landing = landingRoute(auth)
    if (landing.name !== to.name) return landing
  }
  return true
})
