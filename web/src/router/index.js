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
  // 技能大脑: an organisation's skills on a big screen, without the app's menu and header; signed in (the
  // server decides who may read which organisation, and the screen says when it refuses).
  {
    path: '/brain',
    name: 'brain',
    component: () => import('../views/brain/BrainView.vue'),
    meta: { title: 'brain.title' }
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
        path: 'me/portrait',
        name: 'my-portrait',
        component: () => import('../views/talent/MyPortraitView.vue'),
        meta: { title: 'menu.myPortrait', need: 'ownRecord' }
      },
      {
        path: 'talent/search',
        name: 'talent-search',
        component: () => import('../views/talent/TalentSearchView.vue'),
        meta: { title: 'menu.talentSearch', need: 'readDirectory' }
      },
      {
        path: 'analytics',
        name: 'analytics',
        component: () => import('../views/analytics/AnalyticsView.vue'),
        meta: { title: 'menu.analytics', need: 'readDirectory' }
      },
      {
        path: 'training',
        name: 'training',
        component: () => import('../views/training/TrainingView.vue'),
        meta: { title: 'menu.training', need: 'manageTraining' }
      },
      {
        path: 'training/courses/:id',
        name: 'course-detail',
        component: () => import('../views/training/CourseDetailView.vue'),
        meta: { title: 'training.courseTitle', need: 'manageTraining', menu: 'training' }
      },
      {
        path: 'assessments',
        name: 'assessments',
        component: () => import('../views/assessments/AssessmentsView.vue'),
        meta: { title: 'menu.assessments', need: 'manageAssessments' }
      },
      {
        path: 'assessments/:id',
        name: 'assessment-report',
        component: () => import('../views/assessments/AssessmentReportView.vue'),
        meta: { title: 'assessment.reportTitle', need: 'manageAssessments', menu: 'assessments' }
      },
      {
        path: 'me/assessments',
        name: 'my-assessments',
        component: () => import('../views/assessments/MyAssessmentsView.vue'),
        meta: { title: 'menu.myAssessments', need: 'takeExams' }
      },
      {
        path: 'me/assessments/:id',
        name: 'my-assessment',
        component: () => import('../views/assessments/MyAssessmentView.vue'),
        meta: { title: 'myAssessment.reportTitle', need: 'takeExams', menu: 'my-assessments' }
      },
      {
        path: 'me/exams',
        name: 'my-exams',
        component: () => import('../views/exams/MyExamsView.vue'),
        meta: { title: 'menu.myExams', need: 'takeExams' }
      },
      {
        path: 'me/exams/:id',
        name: 'exam-take',
        component: () => import('../views/exams/ExamTakeView.vue'),
        meta: { title: 'take.title', need: 'takeExams', menu: 'my-exams' }
      },
      {
        path: 'practice',
        name: 'practice',
        component: () => import('../views/practice/PracticeView.vue'),
        meta: { title: 'menu.practice', need: 'takeExams' }
      },
      {
        path: 'practice/:workTypeId',
        name: 'practice-work-type',
        component: () => import('../views/practice/PracticeWorkTypeView.vue'),
        meta: { title: 'menu.practice', need: 'takeExams', menu: 'practice' }
      },
      {
        path: 'bank',
        name: 'bank',
        component: () => import('../views/bank/BankView.vue'),
        meta: { title: 'menu.bank', need: 'manageExams' }
      },
      {
        path: 'exams',
        name: 'exams',
        component: () => import('../views/exams/ExamsView.vue'),
        meta: { title: 'menu.exams', need: 'manageExams' }
      },
      {
        path: 'exams/:id',
        name: 'exam-detail',
        component: () => import('../views/exams/ExamDetailView.vue'),
        meta: { title: 'examDetail.title', need: 'gradeExams', menu: 'exams' },
        // Graders (chief judges, judges) open the grading-only page of the exam instead.
        beforeEnter: (to) => {
          const auth = useAuthStore()
          if (!auth.can.manageExams) return { name: 'grading-exam', params: to.params }
          return true
        }
      },
      {
        path: 'grading',
        name: 'grading',
        component: () => import('../views/exams/GradingQueueView.vue'),
        meta: { title: 'menu.grading', need: 'gradeExams' }
      },
      {
        path: 'grading/:id',
        name: 'grading-exam',
        component: () => import('../views/exams/ExamGradingView.vue'),
        meta: { title: 'grading.examTitle', need: 'gradeExams', menu: 'grading' }
      },
      {
        path: 'practice-levels',
        name: 'practice-levels',
        component: () => import('../views/practice/LevelsView.vue'),
        meta: { title: 'menu.practiceLevels', need: 'manageExams' }
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
