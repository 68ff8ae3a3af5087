#include "records/versions.h"

#include "records/json.h"
#include "records/rules.h"

namespace aims::records {
namespace {

Version version_from(const Description& d, store::Row& row) {
  store::RowReader r(row);
  Version v;
  v.number = r.int64();
  v.frozen_at = r.text();
  v.frozen_by = r.text();
  v.reason = r.text();
  v.snapshot = from_snapshot(d, nlohmann::json::parse(r.text(), nullptr, false));
  v.snapshot.frozen = v.number;
  return v;
}

constexpr const char* kVersionColumns = "number, frozen_at, frozen_by, reason, snapshot";

Status require_record(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  TRY_ASSIGN(const bool found, exists(tx, d, org, id));
  if (!found) return Error::not_found(std::string("no such ") + d.singular);
  return {};
}

// What people read for a value: choice labels, "yes"/"no", lists one per line.
std::string readable(const Description& d, const Field& f, const FieldValue& v) {
  if (f.type == FieldType::choice) {
    const std::string value = rules::to_text(v, "");
    return value.empty() ? "" : d.choice_label(f.key, value);
  }
  return rules::to_text(v, "\n");
}

bool has_lines(const Field& f) {
  return f.type == FieldType::long_text || f.type == FieldType::markdown;
}

}  // namespace

Status freeze(const WriteContext& ctx, const Description& d, const Record& record,
              const std::string& reason) {
  TRY(
      ctx.tx.exec("INSERT INTO record_versions (org_id, record_type, record_id, number, state,"
                  " snapshot, frozen_at, frozen_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                  " $8, $9)",
                  {ctx.org, d.type, record.id, record.frozen, record.state,
                   to_json(d, record).dump(), ctx.now, ctx.caller.actor.label, reason}));
  return {};
}

namespace {

Result<std::vector<Version>> versions_of(store::Tx& tx, const Description& d, int64_t org,
                                         int64_t id) {
  TRY_ASSIGN(auto rows, tx.query(std::string("SELECT ") + kVersionColumns +
                                     " FROM record_versions WHERE org_id = $1 AND record_type = $2"
                                     " AND record_id = $3 ORDER BY number",
                                 {org, d.type, id}));
  std::vector<Version> out;
  for (auto& row : rows)
    out.push_back(version_from(d, row));
  return out;
}

}  // namespace

Result<std::vector<Version>> versions(store::Database& db, const Description& d, int64_t org,
                                      int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Version>> {
    TRY(require_record(tx, d, org, id));
    return versions_of(tx, d, org, id);
  });
}

Result<std::vector<Version>> versions(store::Database& db, const Description& d, int64_t org,
                                      const Record& record) {
  return db.read([&](store::Tx& tx) { return versions_of(tx, d, org, record.id); });
}

Result<Version> version(store::Database& db, const Description& d, int64_t org, int64_t id,
                        int64_t number) {
  return db.read([&](store::Tx& tx) -> Result<Version> {
    TRY(require_record(tx, d, org, id));
    TRY_ASSIGN(auto row, tx.query_row(std::string("SELECT ") + kVersionColumns +
                                          " FROM record_versions WHERE org_id = $1 AND"
                                          " record_type = $2 AND record_id = $3 AND number = $4",
                                      {org, d.type, id, number}));
    if (!row) return Error::not_found("no version " + std::to_string(number));
    return version_from(d, *row);
  });
}

Result<std::vector<FieldChange>> compare(store::Database& db, const Description& d, int64_t org,
                                         int64_t id, int64_t from, int64_t to) {
  TRY_ASSIGN(const Version earlier, version(db, d, org, id, from));
  Record later;
  if (to == 0) {
    TRY_ASSIGN(later, get(db, d, org, id));
  } else {
    TRY_ASSIGN(const Version v, version(db, d, org, id, to));
    later = v.snapshot;
  }
  std::vector<FieldChange> changes;
  for (const auto& f : d.fields) {
    const auto before_it = earlier.snapshot.values.find(f.key);
    const auto after_it = later.values.find(f.key);
    const FieldValue none;
    const FieldValue& a = before_it == earlier.snapshot.values.end() ? none : before_it->second;
    const FieldValue& b = after_it == later.values.end() ? none : after_it->second;
    if (a == b) continue;
    FieldChange change{f.key, f.label, readable(d, f, a), readable(d, f, b), {}};
    if (has_lines(f)) change.lines = diff_lines(change.before, change.after);
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<LineChange> diff_lines(const std::string& before, const std::string& after) {
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      const size_t end = text.find('\n', start);
      out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  };
  const auto a = lines(before), b = lines(after);
  std::vector<LineChange> out;
  // Beyond a few million cells the table costs more than it helps: show a whole replacement.
  if (a.size() * b.size() > 4'000'000) {
    for (const auto& line : a)
      out.push_back({'-', line});
    for (const auto& line : b)
      out.push_back({'+', line});
    return out;
  }
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<uint32_t>> common(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      common[i][j] =
          a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back({' ', a[i++]});
      ++j;
    } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
      out.push_back({'-', a[i++]});  // removals first, as a reader expects a replacement
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  return out;
}

}  // namespace aims::records
