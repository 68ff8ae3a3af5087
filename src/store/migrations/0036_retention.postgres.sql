-- PostgreSQL: events and frozen versions stay append-only, with one exception each that a
-- disposal needs: an event's changes may be replaced by the redaction marker (every other column,
-- its hash included, unchanged), and a frozen version's snapshot and reason may be emptied.
CREATE FUNCTION trail_events_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.changes = '{"$redacted":true}' AND OLD.changes <> NEW.changes
     AND (NEW.id, NEW.org_id, NEW.seq, NEW.at, NEW.actor_type, NEW.actor_label, NEW.entity_type,
          NEW.entity_id, NEW.action, NEW.prev_hash, NEW.hash, NEW.form, NEW.changes_sha256)
       = (OLD.id, OLD.org_id, OLD.seq, OLD.at, OLD.actor_type, OLD.actor_label, OLD.entity_type,
          OLD.entity_id, OLD.action, OLD.prev_hash, OLD.hash, OLD.form, OLD.changes_sha256)
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit trail events are append-only';
END;
$$;
DROP TRIGGER trail_events_no_update ON trail_events;
CREATE TRIGGER trail_events_no_update BEFORE UPDATE OR DELETE ON trail_events
  FOR EACH ROW EXECUTE FUNCTION trail_events_redact_only();

CREATE FUNCTION record_versions_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.snapshot = '{}' AND NEW.reason = ''
     AND (NEW.org_id, NEW.record_type, NEW.record_id, NEW.number, NEW.state, NEW.frozen_at,
          NEW.frozen_by)
       = (OLD.org_id, OLD.record_type, OLD.record_id, OLD.number, OLD.state, OLD.frozen_at,
          OLD.frozen_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'frozen versions cannot be changed';
END;
$$;
DROP TRIGGER record_versions_no_update ON record_versions;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION record_versions_redact_only();
