-- 评分细项裁判组: an assignment may name the aspects its judge marks (a panel for those aspects);
-- an assignment without any marks every aspect of its task (or event).
CREATE TABLE judge_assignment_aspects (
  assignment_id BIGINT NOT NULL REFERENCES judge_assignments(id) ON DELETE CASCADE,
  aspect_id BIGINT NOT NULL REFERENCES aspects(id),
  PRIMARY KEY (assignment_id, aspect_id)
);
CREATE INDEX judge_assignment_aspects_aspect ON judge_assignment_aspects(aspect_id);
