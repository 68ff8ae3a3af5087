-- Checkpoints are append-only, as the events they sign.
CREATE TRIGGER trail_checkpoints_no_update BEFORE UPDATE ON trail_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit trail checkpoints are append-only');
END;
CREATE TRIGGER trail_checkpoints_no_delete BEFORE DELETE ON trail_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit trail checkpoints are append-only');
END;
