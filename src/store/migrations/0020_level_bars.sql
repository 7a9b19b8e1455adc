-- 晋级门槛: for each work type and skill level, the portrait score (0–100) a worker must reach overall
-- (dimension_id 0) and on each capability dimension to be ready for that level. Set by organisers.
CREATE TABLE level_bars (
  work_type_id BIGINT NOT NULL REFERENCES work_types(id) ON DELETE CASCADE,
  skill_level INTEGER NOT NULL,
  dimension_id BIGINT NOT NULL,
  bar REAL NOT NULL,
  PRIMARY KEY (work_type_id, skill_level, dimension_id)
);
