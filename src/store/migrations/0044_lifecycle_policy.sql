-- The lifecycle policy (8.1, A.6.1.3; src/lifecycle/policy.cpp): each version an organisation
-- adopts kept whole, as its risk criteria are (0019); the gate criteria by stage and tier and the
-- approvals a stage change needs. No row: aims' default (version 0). A gate check records the
-- version that chose its criteria.
-- body: the policy as JSON ({"stages": {stage: {"criteria": {...}, "approvals": {...}}}}).
CREATE TABLE lifecycle_policies (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by BIGINT REFERENCES users (id),
  changed_by_label TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  UNIQUE (org_id, version)
);

ALTER TABLE gate_checks ADD COLUMN policy_version BIGINT NOT NULL DEFAULT 0;
