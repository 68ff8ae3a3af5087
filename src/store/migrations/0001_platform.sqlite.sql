-- Audit events are append-only: the database itself refuses to change or remove one.
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
BEGIN
  SELECT RAISE(ABORT, 'audit trail events are append-only');
END;
CREATE TRIGGER trail_events_no_delete BEFORE DELETE ON trail_events
BEGIN
  SELECT RAISE(ABORT, 'audit trail events are append-only');
END;
