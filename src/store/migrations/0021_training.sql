-- 培训: courses an enterprise or a union runs or buys (online or offline, hours, provider, the capability
-- dimensions they train), each worker's enrolment and completion (结业: date, hours credited, the final
-- assessment's score when the course had one).
CREATE TABLE courses (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  name TEXT NOT NULL,
  provider TEXT NOT NULL,
  mode TEXT NOT NULL,               -- online | offline
  hours REAL NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX courses_org ON courses(org_path, id);

CREATE TABLE course_dimensions (
  course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  dimension_id BIGINT NOT NULL REFERENCES dimensions(id),
  PRIMARY KEY (course_id, dimension_id)
);

CREATE TABLE training_records (
  id {{ID}},
  course_id BIGINT NOT NULL REFERENCES courses(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  status TEXT NOT NULL,             -- enrolled | completed | failed
  enrolled_at TEXT NOT NULL,
  completed_on TEXT,
  hours REAL,
  score REAL,                       -- 0–100
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX training_records_course_worker ON training_records(course_id, worker_id);
CREATE INDEX training_records_worker ON training_records(worker_id);

-- 荣誉: titles a worker holds (技术能手, 金蓝领, 工匠, 五一劳动奖章, 劳动模范 …), as the awarding body named them.
CREATE TABLE honours (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,               -- technical_expert | golden_blue_collar | craftsman | may_day_medal | model_worker | other
  title TEXT NOT NULL,
  level TEXT NOT NULL,              -- enterprise | city | province | national
  awarded_on TEXT NOT NULL,
  issuer TEXT NOT NULL,
  work_type_id BIGINT REFERENCES work_types(id),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX honours_worker ON honours(worker_id, awarded_on);
