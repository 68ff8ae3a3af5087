-- SQLite's full-text index takes the rows the portable part put into record_search.
INSERT INTO record_search_fts (rowid, title, body) SELECT id, title, body FROM record_search;
