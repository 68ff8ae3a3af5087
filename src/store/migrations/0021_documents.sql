-- Controlled documents, issue 11 (clauses 5.2, 7.3, 7.5, Annex A.2; src/documents/): the approver
-- named when a document is submitted, the AI policy's commitments each tied to a heading of its
-- text, the policies it aligns with, who must acknowledge a published version, and the
-- acknowledgements each published version asks of that audience.
ALTER TABLE documents ADD COLUMN approver_id BIGINT REFERENCES users (id);
ALTER TABLE documents ADD COLUMN commitment_purpose TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN commitment_objectives TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN commitment_requirements TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN commitment_improvement TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN commitment_communication TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN aligned_policies TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN acknowledgement_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN acknowledgement_people TEXT NOT NULL DEFAULT '';

-- One row per person of a published version's audience, written in the transaction that
-- publishes it; acknowledged_at stays empty until they confirm they read it.
CREATE TABLE document_acknowledgements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  document_id BIGINT NOT NULL REFERENCES documents (id),
  version BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  requested_at TEXT NOT NULL,
  acknowledged_at TEXT,
  UNIQUE (org_id, document_id, version, user_id)
);
CREATE INDEX document_acknowledgements_by_user ON document_acknowledgements (org_id, user_id, acknowledged_at);
