-- PostgreSQL: the full-text index over record_search ('simple' configuration: no stemming, so a
-- prefix typed finds the word as written), and frozen versions the database refuses to change.
ALTER TABLE record_search ADD COLUMN document tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED;
CREATE INDEX record_search_document ON record_search USING GIN (document);
CREATE INDEX record_search_by_type ON record_search (org_id, record_type);

CREATE FUNCTION record_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'frozen versions cannot be changed';
END;
$$;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION record_versions_frozen();
