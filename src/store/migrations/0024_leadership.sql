-- Leadership (clause 5.1, Annex A.3.2; src/leadership/): the AI governance committee, its members,
-- meetings and decisions, and who is responsible, accountable, consulted and informed for each
-- lifecycle activity of an AI system, registers of the records platform (0008): the committee a
-- member, meeting or decision belongs to, the meeting of a decision, the AI systems a decision
-- concerns (a hold among them), the system of a RACI assignment and a committee's terms of
-- reference live in record_links.
CREATE TABLE committees (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  mandate TEXT NOT NULL DEFAULT '',
  may_halt_releases INTEGER NOT NULL DEFAULT 0,
  chair_id BIGINT REFERENCES users (id),
  secretary_id BIGINT REFERENCES users (id),
  meeting_frequency TEXT NOT NULL DEFAULT '',
  next_meeting TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  UNIQUE (org_id, title_key)
);
CREATE INDEX committees_active_by_title ON committees (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX committees_active_by_created ON committees (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX committees_active_by_updated ON committees (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE committee_members (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  person_id BIGINT REFERENCES users (id),
  seat TEXT NOT NULL,
  represents TEXT NOT NULL DEFAULT '',
  joined_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX committee_members_active_by_title ON committee_members (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX committee_members_active_by_created ON committee_members (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX committee_members_active_by_updated ON committee_members (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE committee_meetings (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT,
  attendees TEXT NOT NULL DEFAULT '',
  agenda TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  next_meeting TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX committee_meetings_active_by_title ON committee_meetings (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX committee_meetings_active_by_created ON committee_meetings (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX committee_meetings_active_by_updated ON committee_meetings (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX committee_meetings_by_held_on ON committee_meetings (org_id, held_on);

CREATE TABLE committee_decisions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  decided_on TEXT,
  decision TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  rationale TEXT NOT NULL DEFAULT '',
  follow_up_owner_id BIGINT REFERENCES users (id),
  follow_up_due TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX committee_decisions_active_by_title ON committee_decisions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX committee_decisions_active_by_created ON committee_decisions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX committee_decisions_active_by_updated ON committee_decisions (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX committee_decisions_by_kind ON committee_decisions (org_id, kind, state);

CREATE TABLE raci_assignments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  activity TEXT NOT NULL,
  person_id BIGINT REFERENCES users (id),
  letter TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX raci_assignments_active_by_title ON raci_assignments (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX raci_assignments_active_by_created ON raci_assignments (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX raci_assignments_active_by_updated ON raci_assignments (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX raci_assignments_by_activity ON raci_assignments (org_id, activity, letter);
