-- SQLite: the full-text index over record_search (FTS5; its rowid is record_search's id, and
-- records/search.cpp keeps it in step: the schema is not trusted to run virtual tables from
-- triggers), and frozen versions the database itself refuses to change.
CREATE VIRTUAL TABLE record_search_fts USING fts5(
  title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
BEGIN
  SELECT RAISE(ABORT, 'frozen versions cannot be changed');
END;
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
BEGIN
  SELECT RAISE(ABORT, 'frozen versions cannot be removed');
END;
