-- Organisations, accounts, work types, workers and the audit chain.
CREATE TABLE orgs (
  id {{ID}},
  parent_id BIGINT REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX orgs_code ON orgs(code);
CREATE UNIQUE INDEX orgs_parent_name ON orgs(parent_id, name);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE users (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  worker_id BIGINT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE grants (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (user_id, role, org_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE work_types (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE dimensions (
  id {{ID}},
  work_type_id BIGINT NOT NULL REFERENCES work_types(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL
);
CREATE INDEX dimensions_work_type ON dimensions(work_type_id, position);

CREATE TABLE workers (
  id {{ID}},
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  employee_no TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT NOT NULL,
  skill_level INTEGER NOT NULL,
  phone_sealed TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_lookup TEXT NOT NULL UNIQUE,
  id_masked TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX workers_org_employee_no ON workers(org_id, employee_no);
CREATE INDEX workers_org_path ON workers(org_path, id);
CREATE INDEX workers_name ON workers(name);
CREATE INDEX workers_level ON workers(skill_level, id);

CREATE TABLE worker_work_types (
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  work_type_id BIGINT NOT NULL REFERENCES work_types(id),
  PRIMARY KEY (worker_id, work_type_id)
);
CREATE INDEX worker_work_types_type ON worker_work_types(work_type_id, worker_id);

CREATE TABLE level_history (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
  skill_level INTEGER NOT NULL,
  effective_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX level_history_worker ON level_history(worker_id, effective_date);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
