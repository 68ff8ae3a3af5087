#include "improvement/store.h"

namespace aims::improvement::sql {
namespace {

#define AIMS_INCIDENT_COLUMNS                                                          \
  "id, system_id, title, description, severity, status, control, source, monitor_id, " \
  "breach_count, "                                                                     \
  "first_seen_at, last_seen_at, resolution, closed_at, version, created_at, updated_at"

Incident from_row(const store::Row& r) {
  Incident i;
  i.id = r.int64(0);
  i.system_id = r.int64(1);
  i.title = r.text(2);
  i.description = r.text(3);
  i.severity = r.text(4);
  i.status = r.text(5);
  i.control = r.text(6);
  i.source = r.text(7);
  i.monitor_id = r.opt_int64(8);
  i.breach_count = r.int64(9);
  i.first_seen_at = r.text(10);
  i.last_seen_at = r.text(11);
  i.resolution = r.text(12);
  i.closed_at = r.opt_text(13);
  i.version = r.int64(14);
  i.created_at = r.text(15);
  i.updated_at = r.text(16);
  return i;
}

Result<std::optional<Incident>> one(Result<std::optional<store::Row>> row) {
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<Incident>();
  return std::optional<Incident>(from_row(**row));
}

}  // namespace

Result<std::optional<Incident>> get(store::Tx& tx, int64_t org, int64_t id) {
  return one(tx.query_row(
      "SELECT " AIMS_INCIDENT_COLUMNS " FROM incidents WHERE org_id = $1 AND id = $2", {org, id}));
}

Result<int64_t> insert(store::Tx& tx, int64_t org, const Incident& i) {
  return tx.insert(
      "INSERT INTO incidents (org_id, system_id, title, description, severity, status, control, "
      "source,"
      " monitor_id, breach_count, first_seen_at, last_seen_at, resolution, version, created_at, "
      "updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14) RETURNING id",
      {org, i.system_id, i.title, i.description, i.severity, i.status, i.control, i.source,
       i.monitor_id, i.breach_count, i.first_seen_at, i.last_seen_at, i.resolution, i.created_at});
}

Result<int64_t> update(store::Tx& tx, int64_t org, const Incident& i, int64_t expected_version) {
  return tx.exec(
      "UPDATE incidents SET description = $3, severity = $4, status = $5, breach_count = $6, "
      "last_seen_at = $7,"
      " resolution = $8, closed_at = $9, updated_at = $10, version = version + 1"
      " WHERE org_id = $1 AND id = $2 AND version = $11",
      {org, i.id, i.description, i.severity, i.status, i.breach_count, i.last_seen_at, i.resolution,
       i.closed_at, i.updated_at, expected_version});
}

Result<std::optional<Incident>> open_for_monitor(store::Tx& tx, int64_t org, int64_t system_id,
                                                 int64_t monitor_id) {
  return one(tx.query_row("SELECT " AIMS_INCIDENT_COLUMNS
                          " FROM incidents WHERE org_id = $1 AND system_id = $2 AND monitor_id = $3"
                          " AND status IN ('open', 'investigating') ORDER BY id DESC LIMIT 1",
                          {org, system_id, monitor_id}));
}

Result<IncidentPage> list(store::Tx& tx, int64_t org, const IncidentQuery& q) {
  // Each optional filter is a fixed clause switched off by a NULL parameter.
  const std::string where =
      " WHERE org_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR system_id = $2)"
      " AND (CAST($3 AS TEXT) IS NULL OR status = $3)"
      " AND (CAST($4 AS INTEGER) = 0 OR status IN ('open', 'investigating'))";
  const bool active = q.status == std::optional<std::string>("active");
  const std::optional<std::string> status = active ? std::nullopt : q.status;
  store::Params params = {org, q.system_id, status, active ? 1 : 0};
  auto total = tx.query_row("SELECT COUNT(*) FROM incidents" + where, params);
  if (!total) return total.error();
  params.push_back(q.limit);
  params.push_back(q.offset);
  auto rows = tx.query("SELECT " AIMS_INCIDENT_COLUMNS " FROM incidents" + where +
                           " ORDER BY id DESC LIMIT $5 OFFSET $6",
                       params);
  if (!rows) return rows.error();
  IncidentPage page;
  page.total = (*total)->int64(0);
  for (const auto& r : *rows)
    page.items.push_back(from_row(r));
  return page;
}

}  // namespace aims::improvement::sql
