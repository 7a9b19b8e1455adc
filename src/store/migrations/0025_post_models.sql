-- 岗位能力模型: for a post or department (an organisation subtree) and a work type, the target portrait
-- score (0–100) on each capability dimension. A union's models marked as templates are copied by the
-- enterprises below it.
CREATE TABLE post_models (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  name TEXT NOT NULL,
  template INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX post_models_org ON post_models(org_path, id);

CREATE TABLE post_model_targets (
  model_id BIGINT NOT NULL REFERENCES post_models(id) ON DELETE CASCADE,
  dimension_id BIGINT NOT NULL REFERENCES dimensions(id),
  target REAL NOT NULL,
  PRIMARY KEY (model_id, dimension_id)
);
