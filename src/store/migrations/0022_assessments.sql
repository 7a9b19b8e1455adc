-- 岗位技能考核: an enterprise assesses its workers wherever they are — an exam on their phones (the exam
-- engine) and optionally practical tasks scored by assessors on a contest event's marking scheme — and
-- each worker gets a per-dimension report from this assessment's evidence.
CREATE TABLE assessments (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  title TEXT NOT NULL,
  exam_id BIGINT NOT NULL REFERENCES exams(id),
  event_id BIGINT REFERENCES events(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assessments_org ON assessments(org_path, id);
CREATE UNIQUE INDEX assessments_exam ON assessments(exam_id);
