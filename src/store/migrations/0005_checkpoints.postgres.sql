-- Checkpoints are append-only, as the events they sign.
CREATE FUNCTION trail_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit trail checkpoints are append-only';
END;
$$;
CREATE TRIGGER trail_checkpoints_no_update BEFORE UPDATE OR DELETE ON trail_checkpoints
  FOR EACH ROW EXECUTE FUNCTION trail_checkpoints_append_only();
