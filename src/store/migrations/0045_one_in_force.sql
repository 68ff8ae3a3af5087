-- One approved oversight plan per AI system (src/oversight/plans.cpp), held by the database and
-- not only by a read before the approval: a plan's approval inserts its system here in the same
-- transaction, so two approvals racing for one system cannot both commit; revising or retiring
-- the plan deletes its row. Plans approved before this migration are entered, the oldest where a
-- race already let two through.
CREATE TABLE oversight_plans_in_force (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  plan_id BIGINT NOT NULL REFERENCES oversight_plans (id),
  PRIMARY KEY (org_id, system_id)
);
CREATE INDEX oversight_plans_in_force_by_plan ON oversight_plans_in_force (org_id, plan_id);
INSERT INTO oversight_plans_in_force (org_id, system_id, plan_id)
SELECT p.org_id, l.to_id, MIN(p.id)
FROM oversight_plans p
JOIN record_links l
  ON l.org_id = p.org_id AND l.from_type = 'oversight_plan' AND l.from_id = p.id
     AND l.field = 'ai_system_id'
WHERE p.state = 'approved'
GROUP BY p.org_id, l.to_id;
