-- Improvement (clause 10): incidents. An incident belongs to one AI system and names the Annex A
-- control it concerns; monitoring opens and updates them on threshold breaches, people too.
CREATE TABLE incidents (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  control TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  monitor_id BIGINT,
  breach_count BIGINT NOT NULL DEFAULT 0,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT '',
  closed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX incidents_by_system ON incidents (org_id, system_id, status);
CREATE INDEX incidents_by_status ON incidents (org_id, status, id);
