-- 技能人才数据库: every piece of evidence of a worker's capability, written by the domain it comes from
-- in the same transaction as its source (a judged aspect of a competition entry, an exam item), and
-- replaced whole per source unit (`scope_key`: one entry, one exam session) when the source changes.
CREATE TABLE evidence (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  dimension_id BIGINT REFERENCES dimensions(id),  -- none: counts for the overall score only
  source TEXT NOT NULL,                            -- aspect | exam_item
  scope_key TEXT NOT NULL,                         -- entry:12 | session:5
  item_key TEXT NOT NULL,                          -- aspect:34 | item:3
  score REAL NOT NULL,                             -- share of the marks, 0–1
  weight REAL NOT NULL,                            -- information, in exam items
  difficulty REAL NOT NULL,                        -- logits
  observed_at TEXT NOT NULL,
  label TEXT NOT NULL,
  context TEXT NOT NULL                            -- event:7 | exam:4, the page it links to
);
CREATE UNIQUE INDEX evidence_source ON evidence(source, scope_key, item_key, worker_id);
CREATE INDEX evidence_worker ON evidence(worker_id, work_type_id, dimension_id);

-- 能力画像, derived from the evidence and kept current as it arrives: one row per worker, work type and
-- dimension (dimension_id 0: the overall score from all the work type's evidence).
CREATE TABLE portrait_scores (
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  dimension_id BIGINT NOT NULL,
  theta REAL NOT NULL,
  se REAL NOT NULL,
  evidence_count INTEGER NOT NULL,
  information REAL NOT NULL,
  refreshed_at TEXT NOT NULL,
  PRIMARY KEY (worker_id, work_type_id, dimension_id)
);
CREATE INDEX portrait_scores_rank ON portrait_scores(work_type_id, dimension_id, theta);

-- How many portraits fall in each 0.01-logit bucket of ability, per work type and dimension, kept with
-- portrait_scores: a rank is the sum of the buckets above plus a count inside one bucket, a median a
-- walk over at most 2,001 buckets — neither grows with the number of workers.
CREATE TABLE portrait_histogram (
  work_type_id BIGINT NOT NULL,
  dimension_id BIGINT NOT NULL,
  bucket INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (work_type_id, dimension_id, bucket)
);

-- Running sums of the evidence per work type and dimension (0: all), for the peer group's mean ability
-- that thin evidence is pulled towards; sums commute, so the order evidence arrives in does not matter.
CREATE TABLE evidence_totals (
  work_type_id BIGINT NOT NULL,
  dimension_id BIGINT NOT NULL,
  rows_count BIGINT NOT NULL,
  weight_sum REAL NOT NULL,
  share_sum REAL NOT NULL,
  difficulty_sum REAL NOT NULL,
  PRIMARY KEY (work_type_id, dimension_id)
);
