-- Exam items' difficulties estimated from the answers (skillbrain calibrate-items), on the portrait's logit
-- scale; evidence of an item with a row here uses it instead of the author's level (docs/portrait.md).
CREATE TABLE question_calibration (
  question_id BIGINT PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
  difficulty REAL NOT NULL,
  se REAL NOT NULL,
  answers INTEGER NOT NULL,
  calibrated_at TEXT NOT NULL
);
