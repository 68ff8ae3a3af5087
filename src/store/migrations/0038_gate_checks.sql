-- Stage gate checks (A.6.1.3, 8.1; src/lifecycle/gates.cpp): each evaluation of the criteria an AI
-- system meets before entering a lifecycle stage, kept as evidence. criteria: every criterion the
-- policy asked for the stage and the system's tier, met or not with the reason; acceptance: the
-- agreed acceptance criteria checked on a log given with the check (JSON null without one).
CREATE TABLE gate_checks (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  stage TEXT NOT NULL,
  risk_tier TEXT NOT NULL DEFAULT '',
  model_id BIGINT REFERENCES models (id),
  passed INTEGER NOT NULL DEFAULT 0,
  criteria TEXT NOT NULL,
  acceptance TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  checked_by BIGINT REFERENCES users (id),
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gate_checks_by_system ON gate_checks (org_id, system_id, id);
