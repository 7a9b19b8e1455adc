-- One row that readiness checks write to (GET /api/v1/health/ready): a real, durable write tells
-- whether the store can take work (a full disk or a read-only file fails it).
CREATE TABLE store_probe (
  id INTEGER PRIMARY KEY,
  probes BIGINT NOT NULL
);
