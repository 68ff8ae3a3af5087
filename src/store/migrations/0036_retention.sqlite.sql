-- SQLite: events and frozen versions stay append-only, with one exception each that a disposal
-- needs: an event's changes may be replaced by the redaction marker (every other column, its
-- hash included, unchanged), and a frozen version's snapshot and reason may be emptied.
DROP TRIGGER trail_events_no_update;
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
WHEN NOT (NEW.changes = '{"$redacted":true}' AND OLD.changes <> NEW.changes
  AND NEW.id = OLD.id AND NEW.org_id = OLD.org_id AND NEW.seq = OLD.seq AND NEW.at = OLD.at
  AND NEW.actor_type = OLD.actor_type AND NEW.actor_id IS OLD.actor_id
  AND NEW.actor_label = OLD.actor_label AND NEW.entity_type = OLD.entity_type
  AND NEW.entity_id = OLD.entity_id AND NEW.action = OLD.action
  AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.form = OLD.form
  AND NEW.changes_sha256 = OLD.changes_sha256)
BEGIN
  SELECT RAISE(ABORT, 'audit trail events are append-only');
END;
DROP TRIGGER record_versions_no_update;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
WHEN NOT (NEW.snapshot = '{}' AND NEW.reason = ''
  AND NEW.org_id = OLD.org_id AND NEW.record_type = OLD.record_type
  AND NEW.record_id = OLD.record_id AND NEW.number = OLD.number AND NEW.state = OLD.state
  AND NEW.frozen_at = OLD.frozen_at AND NEW.frozen_by = OLD.frozen_by)
BEGIN
  SELECT RAISE(ABORT, 'frozen versions cannot be changed');
END;
