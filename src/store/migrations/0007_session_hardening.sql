-- Sessions and sign-in throttling, hardened.
-- A session's CSRF token is derived from its secret (auth/sessions.cpp), so none is stored.
ALTER TABLE sessions DROP COLUMN csrf_token;
-- Throttling backs off from each key's last failure rather than from a fixed window.
ALTER TABLE login_throttle RENAME COLUMN window_start TO last_failure_at;
-- Expired sessions are purged on a schedule.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
