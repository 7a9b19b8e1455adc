-- 题库, exams (考试) and practice (网上练兵). A question's answer key lives in `body` (JSON) and never
-- leaves the server on a candidate's page; papers are drawn at publication and stored whole so the
-- start rush only reads.
CREATE TABLE questions (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  dimension_id BIGINT REFERENCES dimensions(id),
  skill_level INTEGER,
  difficulty INTEGER NOT NULL,
  type TEXT NOT NULL,
  stem TEXT NOT NULL,
  body TEXT NOT NULL,
  marks REAL NOT NULL,
  partial_credit TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL DEFAULT '',
  dup_key TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX questions_bank ON questions(work_type_id, active, id);
CREATE INDEX questions_dup ON questions(work_type_id, dup_key);

-- Pictures of stems and options, stored once and referred to by key.
CREATE TABLE question_assets (
  asset_key TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE exams (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  title TEXT NOT NULL,
  paper_mode TEXT NOT NULL,
  paper TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  pass_percent REAL NOT NULL DEFAULT 60,
  seed TEXT NOT NULL,
  status TEXT NOT NULL,
  total_marks REAL NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_at TEXT
);
CREATE INDEX exams_org_path ON exams(org_path);

-- One row per candidate; the paper (items with bank ids, marks and option order) is drawn at publication.
CREATE TABLE exam_candidates (
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  paper TEXT,
  PRIMARY KEY (exam_id, worker_id)
);
CREATE INDEX exam_candidates_worker ON exam_candidates(worker_id);

CREATE TABLE exam_sessions (
  id {{ID}},
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  deadline_at TEXT NOT NULL,
  deadline_epoch BIGINT NOT NULL,
  submitted_at TEXT,
  auto_submitted INTEGER NOT NULL DEFAULT 0,
  device_id TEXT NOT NULL,
  device_seen_epoch BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  score REAL,
  max_score REAL NOT NULL,
  pending_manual INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX exam_sessions_candidate ON exam_sessions(exam_id, worker_id);
CREATE INDEX exam_sessions_deadline ON exam_sessions(status, deadline_epoch);

-- The latest answer per paper item (upserted; `seq` is the page's counter so an older write never wins).
CREATE TABLE exam_answers (
  session_id BIGINT NOT NULL REFERENCES exam_sessions(id) ON DELETE CASCADE,
  item_index INTEGER NOT NULL,
  response TEXT NOT NULL,
  seq BIGINT NOT NULL,
  saved_at TEXT NOT NULL,
  awarded REAL,
  grade_state TEXT,
  graded_by TEXT,
  graded_at TEXT,
  PRIMARY KEY (session_id, item_index)
);
CREATE INDEX exam_answers_grading ON exam_answers(grade_state);

-- Focus loss, tab switches, copy attempts, device changes: shown to the organiser.
CREATE TABLE exam_events (
  id {{ID}},
  session_id BIGINT NOT NULL REFERENCES exam_sessions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exam_events_session ON exam_events(session_id, id);

CREATE TABLE practice_levels (
  id {{ID}},
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  question_count INTEGER NOT NULL,
  pass_percent REAL NOT NULL,
  min_difficulty INTEGER NOT NULL DEFAULT 1,
  max_difficulty INTEGER NOT NULL DEFAULT 5,
  created_at TEXT NOT NULL
);
CREATE INDEX practice_levels_work_type ON practice_levels(work_type_id, position);

CREATE TABLE practice_attempts (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  level_id BIGINT REFERENCES practice_levels(id),
  paper TEXT NOT NULL,
  seed TEXT NOT NULL,
  started_at TEXT NOT NULL,
  submitted_at TEXT,
  submitted_day TEXT,
  score REAL,
  max_score REAL NOT NULL,
  right_answers INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  seconds INTEGER NOT NULL DEFAULT 0,
  result TEXT
);
CREATE INDEX practice_attempts_worker ON practice_attempts(worker_id, work_type_id, level_id);
CREATE INDEX practice_attempts_board ON practice_attempts(work_type_id, submitted_day);

CREATE TABLE wrong_book (
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  question_id BIGINT NOT NULL REFERENCES questions(id),
  work_type_id BIGINT NOT NULL,
  times_wrong INTEGER NOT NULL,
  right_streak INTEGER NOT NULL,
  last_wrong_at TEXT NOT NULL,
  PRIMARY KEY (worker_id, question_id)
);
