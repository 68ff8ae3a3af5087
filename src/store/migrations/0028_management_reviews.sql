-- Management reviews (clause 9.3; src/review/), their attendees and the actions they decide,
-- registers of the records platform (0008): the review an attendee or an action belongs to lives
-- in record_links. AIMS roles gain the mark of top management a review's attendees are checked
-- against.
ALTER TABLE aims_roles ADD COLUMN top_management INTEGER NOT NULL DEFAULT 0;

CREATE TABLE management_reviews (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  planned_on TEXT,
  chair_id BIGINT REFERENCES users (id),
  held_on TEXT,
  minutes TEXT NOT NULL DEFAULT '',
  next_review_on TEXT,
  input_pack TEXT NOT NULL DEFAULT '',
  pack_compiled_at TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX management_reviews_active_by_title ON management_reviews (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX management_reviews_active_by_created ON management_reviews (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX management_reviews_active_by_updated ON management_reviews (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX management_reviews_by_planned ON management_reviews (org_id, planned_on);
CREATE INDEX management_reviews_by_held ON management_reviews (org_id, held_on);

CREATE TABLE review_attendees (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  person_id BIGINT REFERENCES users (id),
  capacity TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX review_attendees_active_by_title ON review_attendees (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX review_attendees_active_by_created ON review_attendees (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX review_attendees_active_by_updated ON review_attendees (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE review_actions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  due_on TEXT,
  outcome TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX review_actions_active_by_title ON review_actions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX review_actions_active_by_created ON review_actions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX review_actions_active_by_updated ON review_actions (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX review_actions_by_due ON review_actions (org_id, due_on);
