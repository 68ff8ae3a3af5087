-- Audit events are append-only: the database itself refuses to change or remove one.
CREATE FUNCTION trail_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit trail events are append-only';
END;
$$;
CREATE TRIGGER trail_events_no_update BEFORE UPDATE OR DELETE ON trail_events
  FOR EACH ROW EXECUTE FUNCTION trail_events_append_only();
