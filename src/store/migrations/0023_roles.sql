-- AIMS roles and competence (clauses 5.3, 7.1, 7.2; Annex A.4.6; src/roles/): the roles of the
-- management system, who holds them, the competences they require, the courses that give them
-- and each person's training records, registers of the records platform (0008): a role's
-- required competences and the role it reports to, an appointment's role, a course's competences
-- and a training record's course live in record_links; certificates are attachments (0012).
CREATE TABLE competences (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  demonstrated_by TEXT NOT NULL DEFAULT '',
  renewal_months BIGINT,
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
CREATE INDEX competences_active_by_title ON competences (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX competences_active_by_created ON competences (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX competences_active_by_updated ON competences (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE aims_roles (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  standard_key TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  responsibilities TEXT NOT NULL DEFAULT '',
  authorities TEXT NOT NULL DEFAULT '',
  min_holders BIGINT,
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
CREATE INDEX aims_roles_active_by_title ON aims_roles (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX aims_roles_active_by_created ON aims_roles (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX aims_roles_active_by_updated ON aims_roles (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE role_assignments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  person_id BIGINT REFERENCES users (id),
  from_date TEXT,
  until_date TEXT,
  appointed_by_id BIGINT REFERENCES users (id),
  appointment_note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX role_assignments_active_by_title ON role_assignments (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX role_assignments_active_by_created ON role_assignments (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX role_assignments_active_by_updated ON role_assignments (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX role_assignments_by_person ON role_assignments (org_id, person_id);

CREATE TABLE courses (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  validity_months BIGINT,
  format TEXT NOT NULL DEFAULT '',
  hours DOUBLE PRECISION,
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
CREATE INDEX courses_active_by_title ON courses (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX courses_active_by_created ON courses (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX courses_active_by_updated ON courses (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE training_records (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  person_id BIGINT REFERENCES users (id),
  completed_on TEXT,
  result TEXT NOT NULL DEFAULT '',
  expires_on TEXT,
  notes TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX training_records_active_by_title ON training_records (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX training_records_active_by_created ON training_records (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX training_records_active_by_updated ON training_records (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX training_records_by_person ON training_records (org_id, person_id);
CREATE INDEX training_records_by_expiry ON training_records (org_id, expires_on);
