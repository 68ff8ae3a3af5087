// Built-in catalogs are loaded by key and revision: a lower stored revision is replaced in one
// transaction, items and links included, while records keep referring to items by key and id.
#include "controls/catalog_store.h"

#include <algorithm>

#include "base/json_text.h"
#include "base/time.h"
#include "controls/oscal.h"

namespace aims::controls {
namespace {

std::string join_roles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles)
    out += (out.empty() ? "" : ",") + r;
  return out;
}

std::vector<std::string> split_roles(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<std::optional<std::pair<int64_t, int64_t>>> stored_revision(store::Tx& tx,
                                                                   std::string_view table,
                                                                   std::string_view key_column,
                                                                   const std::string& key) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT id, revision FROM " + std::string(table) + " WHERE " +
                                        std::string(key_column) + " = $1 AND org_id IS NULL",
                                    {key}));
  if (!row) return std::optional<std::pair<int64_t, int64_t>>{};
  return std::optional<std::pair<int64_t, int64_t>>{{row->int64(0), row->int64(1)}};
}

Status write_items(store::Tx& tx, int64_t framework_id, const Framework& f) {
  for (size_t n = 0; n < f.items.size(); ++n) {
    const Item& i = f.items[n];
    TRY(tx.exec(
        "INSERT INTO framework_items (framework_id, item_id, position, parent_id, kind, title, "
        "description, guidance, documented_information, applies_from, roles, note) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {framework_id, i.id, static_cast<int64_t>(n), i.parent, i.kind, i.title, i.description,
         i.guidance, i.documented_information, i.applies_from, join_roles(i.roles), i.note}));
  }
  return {};
}

Status load_framework(store::Tx& tx, const Framework& f, const std::string& now) {
  TRY_ASSIGN(auto stored, stored_revision(tx, "frameworks", "framework_key", f.key));
  if (stored && stored->second >= f.revision) return {};
  int64_t id = 0;
  if (stored) {
    id = stored->first;
    TRY(tx.exec("DELETE FROM framework_items WHERE framework_id = $1", {id}));
    TRY(
        tx.exec("UPDATE frameworks SET short_name = $2, name = $3, publisher = $4, edition = $5, "
                "source = $6, revision = $7, loaded_at = $8 WHERE id = $1",
                {id, f.short_name, f.name, f.publisher, f.edition, f.source, f.revision, now}));
  } else {
    TRY_ASSIGN(id, tx.insert("INSERT INTO frameworks (org_id, framework_key, short_name, name, "
                             "publisher, edition, source, revision, loaded_at) VALUES (NULL, $1, "
                             "$2, $3, $4, $5, $6, $7, $8) RETURNING id",
                             {f.key, f.short_name, f.name, f.publisher, f.edition, f.source,
                              f.revision, now}));
  }
  return write_items(tx, id, f);
}

Status load_mapping(store::Tx& tx, const Mapping& m, const std::string& now) {
  TRY_ASSIGN(auto stored, stored_revision(tx, "framework_mappings", "mapping_key", m.key));
  if (stored && stored->second >= m.revision) return {};
  int64_t id = 0;
  if (stored) {
    id = stored->first;
    TRY(tx.exec("DELETE FROM framework_mapping_links WHERE mapping_id = $1", {id}));
    TRY(
        tx.exec("UPDATE framework_mappings SET title = $2, source_framework = $3, "
                "target_framework = $4, provenance = $5, source = $6, revision = $7, "
                "loaded_at = $8 WHERE id = $1",
                {id, m.title, m.source_framework, m.target_framework, m.provenance, m.source,
                 m.revision, now}));
  } else {
    TRY_ASSIGN(id, tx.insert("INSERT INTO framework_mappings (org_id, mapping_key, title, "
                             "source_framework, target_framework, provenance, source, revision, "
                             "loaded_at) VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, $8) "
                             "RETURNING id",
                             {m.key, m.title, m.source_framework, m.target_framework, m.provenance,
                              m.source, m.revision, now}));
  }
  for (const Link& l : m.links) {
    TRY(
        tx.exec("INSERT INTO framework_mapping_links (mapping_id, source_item, target_item, "
                "relationship, note) VALUES ($1, $2, $3, $4, $5)",
                {id, l.source, l.target, l.relationship, l.note}));
  }
  return {};
}

Result<bool> all_current(store::Database& db) {
  return db.read([&](store::Tx& tx) -> Result<bool> {
    TRY_ASSIGN(auto rows, tx.query("SELECT framework_key, revision FROM frameworks WHERE org_id "
                                   "IS NULL UNION ALL SELECT mapping_key, revision FROM "
                                   "framework_mappings WHERE org_id IS NULL"));
    auto current = [&](const std::string& key, int64_t revision) {
      return std::any_of(rows.begin(), rows.end(), [&](const store::Row& r) {
        return r.text(0) == key && r.int64(1) >= revision;
      });
    };
    for (const auto& f : built_in_frameworks()) {
      if (!current(f.key, f.revision)) return false;
    }
    for (const auto& m : built_in_mappings()) {
      if (!current(m.key, m.revision)) return false;
    }
    return true;
  });
}

const char* inverse(const std::string& relationship) {
  if (relationship == "subset-of") return "superset-of";
  if (relationship == "superset-of") return "subset-of";
  return nullptr;
}

// The items linked to item $2 of framework $1 where that item is the link's `own` end, each
// tagged with the direction it was read in.
std::string side_of_links(const char* own, const char* other, const char* direction) {
  std::string sql =
      "SELECT f.framework_key, f.short_name, i.item_id, i.title, l.relationship, m.provenance, "
      "m.title, l.note, '{direction}' FROM framework_mapping_links l "
      "JOIN framework_mappings m ON m.id = l.mapping_id "
      "JOIN frameworks f ON f.framework_key = m.{other}_framework "
      "AND (f.org_id IS NULL OR f.org_id = $3) "
      "JOIN framework_items i ON i.framework_id = f.id AND i.item_id = l.{other}_item "
      "WHERE m.{own}_framework = $1 AND l.{own}_item = $2 AND (m.org_id IS NULL OR m.org_id = $3)";
  for (const auto& [from, to] : {std::pair{"{other}", other}, std::pair{"{own}", own},
                                 std::pair{"{direction}", direction}}) {
    for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from))
      sql.replace(at, std::string_view(from).size(), to);
  }
  return sql;
}

}  // namespace

Status ensure_catalogs(store::Database& db) {
  TRY_ASSIGN(const bool current, all_current(db));
  if (current) return {};
  auto loaded = db.write([&](store::Tx& tx) -> Status {
    const std::string now = now_timestamp();
    for (const auto& f : built_in_frameworks())
      TRY(load_framework(tx, f, now));
    for (const auto& m : built_in_mappings())
      TRY(load_mapping(tx, m, now));
    return {};
  });
  if (loaded) return {};
  // Another server sharing the database may have loaded the same revision a moment earlier.
  TRY_ASSIGN(const bool now_current, all_current(db));
  if (now_current) return {};
  return loaded;
}

// "Built in" is read as 1 or 0, not as `org_id IS NULL`: PostgreSQL answers a boolean as 't' or
// 'f', which RowReader::boolean reads as false.
Result<std::vector<FrameworkSummary>> list_frameworks(store::Database& db, int64_t org) {
  TRY(ensure_catalogs(db));
  return db.read([&](store::Tx& tx) -> Result<std::vector<FrameworkSummary>> {
    TRY_ASSIGN(auto rows,
               tx.query("SELECT f.framework_key, f.short_name, f.name, f.publisher, f.edition, "
                        "f.revision, CASE WHEN f.org_id IS NULL THEN 1 ELSE 0 END, "
                        "(SELECT COUNT(*) FROM framework_items i "
                        "WHERE i.framework_id = f.id AND i.kind IN ('requirement', 'control')) "
                        "FROM frameworks f WHERE f.org_id IS NULL OR f.org_id = $1 "
                        "ORDER BY f.org_id IS NOT NULL, f.short_name",
                        {org}));
    std::vector<FrameworkSummary> out;
    for (auto& row : rows) {
      store::RowReader r(row);
      FrameworkSummary s;
      s.key = r.text();
      s.short_name = r.text();
      s.name = r.text();
      s.publisher = r.text();
      s.edition = r.text();
      s.revision = r.int64();
      s.built_in = r.boolean();
      s.assessable = r.int64();
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<Framework> stored_framework(store::Database& db, int64_t org, const std::string& key) {
  TRY(ensure_catalogs(db));
  return db.read([&](store::Tx& tx) -> Result<Framework> {
    TRY_ASSIGN(auto head, tx.query_row("SELECT id, framework_key, short_name, name, publisher, "
                                       "edition, source, revision FROM frameworks WHERE "
                                       "framework_key = $1 AND (org_id IS NULL OR org_id = $2) "
                                       "ORDER BY org_id IS NOT NULL LIMIT 1",
                                       {key, org}));
    if (!head) return Error::not_found("no framework \"" + key + "\"");
    store::RowReader r(*head);
    const int64_t id = r.int64();
    Framework f;
    f.key = r.text();
    f.short_name = r.text();
    f.name = r.text();
    f.publisher = r.text();
    f.edition = r.text();
    f.source = r.text();
    f.revision = r.int64();
    TRY_ASSIGN(auto rows, tx.query("SELECT item_id, parent_id, kind, title, description, "
                                   "guidance, documented_information, applies_from, roles, note "
                                   "FROM framework_items WHERE framework_id = $1 ORDER BY position",
                                   {id}));
    for (auto& row : rows) {
      store::RowReader i(row);
      Item item;
      item.id = i.text();
      item.parent = i.text();
      item.kind = i.text();
      item.title = i.text();
      item.description = i.text();
      item.guidance = i.text();
      item.documented_information = i.text();
      item.applies_from = i.text();
      item.roles = split_roles(i.text());
      item.note = i.text();
      f.items.push_back(std::move(item));
    }
    return f;
  });
}

Result<std::vector<Related>> related_items(store::Database& db, int64_t org,
                                           const std::string& framework_key,
                                           const std::string& item_id) {
  TRY(ensure_catalogs(db));
  // Both directions in one statement: the item as a link's source, then as its target.
  static const std::string kBoth = side_of_links("source", "target", "forward") + " UNION ALL " +
                                   side_of_links("target", "source", "backward");
  return db.read([&](store::Tx& tx) -> Result<std::vector<Related>> {
    TRY_ASSIGN(auto rows, tx.query(kBoth, {framework_key, item_id, org}));
    std::vector<Related> out;
    for (auto& row : rows) {
      store::RowReader r(row);
      Related rel;
      rel.framework_key = r.text();
      rel.framework_name = r.text();
      rel.item_id = r.text();
      rel.item_title = r.text();
      rel.relationship = r.text();
      rel.provenance = r.text();
      rel.mapping_title = r.text();
      rel.note = r.text();
      if (r.text() == "backward") {
        if (const char* inv = inverse(rel.relationship)) rel.relationship = inv;
      }
      out.push_back(std::move(rel));
    }
    std::sort(out.begin(), out.end(), [](const Related& a, const Related& b) {
      return std::tie(a.framework_name, a.item_id) < std::tie(b.framework_name, b.item_id);
    });
    return out;
  });
}

Status store_own_framework(store::Database& db, int64_t org, const Framework& f,
                           const trail::Actor& actor) {
  TRY(ensure_catalogs(db));
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto taken, tx.query_row("SELECT 1 FROM frameworks WHERE framework_key = $1 AND "
                                        "(org_id IS NULL OR org_id = $2)",
                                        {f.key, org}));
    if (taken)
      return Error{ErrorCode::already_exists, "a framework \"" + f.key + "\" exists", "key"};
    TRY_ASSIGN(const int64_t id,
               tx.insert("INSERT INTO frameworks (org_id, framework_key, short_name, name, "
                         "publisher, edition, source, revision, loaded_at) VALUES ($1, $2, $3, $4, "
                         "$5, $6, $7, $8, $9) RETURNING id",
                         {org, f.key, f.short_name, f.name, f.publisher, f.edition, f.source,
                          f.revision, now_timestamp()}));
    TRY(write_items(tx, id, f));
    int64_t assessable = 0;
    for (const auto& i : f.items)
      assessable += i.assessable();
    TRY(trail::record(tx, org, actor,
                      {"framework",
                       id,
                       "create",
                       {},
                       {{"key", json_text::quote(f.key)},
                        {"name", json_text::quote(f.name)},
                        {"items", std::to_string(f.items.size())},
                        {"controls", std::to_string(assessable)}}}));
    return {};
  });
}

namespace {

// "A.6.2.4 intersects-with; A.7.4 subset-of": what the trail keeps of an item's links.
std::string links_text(const std::vector<Link>& links) {
  std::string out;
  for (const auto& l : links)
    out += (out.empty() ? "" : "; ") + l.target + " " + l.relationship;
  return out;
}

// The id of the organisation's mapping from framework `f` to ISO/IEC 42001, made when missing.
Result<int64_t> own_mapping_id(store::Tx& tx, int64_t org, const Framework& f) {
  const std::string key = f.key + "--" + std::string(kIso42001);
  TRY_ASSIGN(auto row, tx.query_row("SELECT id FROM framework_mappings WHERE org_id = $1 AND "
                                    "mapping_key = $2",
                                    {org, key}));
  if (row) return row->int64(0);
  return tx.insert(
      "INSERT INTO framework_mappings (org_id, mapping_key, title, source_framework, "
      "target_framework, provenance, source, revision, loaded_at) VALUES ($1, $2, $3, $4, $5, "
      "'organisation', $6, 1, $7) RETURNING id",
      {org, key, f.short_name + " to ISO/IEC 42001", f.key, std::string(kIso42001),
       std::string("Drawn by the organisation in aims"), now_timestamp()});
}

Result<std::vector<Link>> item_links(store::Tx& tx, int64_t mapping_id, const std::string& item) {
  TRY_ASSIGN(auto rows, tx.query("SELECT target_item, relationship, note FROM "
                                 "framework_mapping_links WHERE mapping_id = $1 AND "
                                 "source_item = $2 ORDER BY target_item",
                                 {mapping_id, item}));
  std::vector<Link> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    Link l{.source = item};
    l.target = r.text();
    l.relationship = r.text();
    l.note = r.text();
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

Result<FrameworkSummary> framework_summary(store::Database& db, int64_t org,
                                           const std::string& key) {
  TRY_ASSIGN(auto frameworks, list_frameworks(db, org));
  for (auto& f : frameworks) {
    if (f.key == key) return std::move(f);
  }
  return Error::not_found("no framework \"" + key + "\"");
}

Status set_own_links(store::Database& db, int64_t org, const std::string& key,
                     const std::string& item_id, std::vector<Link> links,
                     const trail::Actor& actor) {
  TRY_ASSIGN(const FrameworkSummary summary, framework_summary(db, org, key));
  if (summary.built_in) {
    return Error{ErrorCode::failed_precondition,
                 "the mappings of a built-in framework come with aims' catalogs; only the "
                 "organisation's own frameworks are mapped here",
                 "key"};
  }
  TRY_ASSIGN(const Framework own, stored_framework(db, org, key));
  const Item* item = own.item(item_id);
  if (!item || !item->assessable())
    return Error::not_found("no control \"" + item_id + "\" in " + own.short_name);
  const Framework* iso = built_in_framework(kIso42001);
  if (!iso) return Error::internal("no ISO/IEC 42001 catalog");
  for (auto& l : links)
    l.source = item_id;
  TRY(check_mapping(Mapping{.links = links}, own, *iso));
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.target < b.target; });
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(const int64_t mapping, own_mapping_id(tx, org, own));
    TRY_ASSIGN(const auto before, item_links(tx, mapping, item_id));
    TRY(tx.exec("DELETE FROM framework_mapping_links WHERE mapping_id = $1 AND source_item = $2",
                {mapping, item_id}));
    for (const auto& l : links) {
      TRY(
          tx.exec("INSERT INTO framework_mapping_links (mapping_id, source_item, target_item, "
                  "relationship, note) VALUES ($1, $2, $3, $4, $5)",
                  {mapping, item_id, l.target, l.relationship, l.note}));
    }
    TRY(trail::record(
        tx, org, actor,
        {"framework_mapping",
         mapping,
         "update",
         {{"item", json_text::quote(item_id)}, {"links", json_text::quote(links_text(before))}},
         {{"item", json_text::quote(item_id)}, {"links", json_text::quote(links_text(links))}}}));
    return {};
  });
}

Result<std::optional<OwnControl>> own_control(store::Tx& tx, int64_t org, const std::string& key,
                                              const std::string& item_id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT f.short_name, i.title, i.position FROM framework_items "
                                    "i JOIN frameworks f ON f.id = i.framework_id WHERE "
                                    "f.org_id = $1 AND f.framework_key = $2 AND i.item_id = $3 "
                                    "AND i.kind IN ('requirement', 'control')",
                                    {org, key, item_id}));
  if (!row) return std::optional<OwnControl>();
  store::RowReader r(*row);
  OwnControl c;
  c.framework_name = r.text();
  c.title = r.text();
  c.position = r.int64() + 1;
  return std::optional<OwnControl>(std::move(c));
}

Result<Framework> import_own_framework(store::Database& db, int64_t org, const std::string& key,
                                       std::string_view oscal_json, const trail::Actor& actor) {
  if (key.empty()) return Error::invalid("key", "give the framework a key, such as nist-sp-800-53");
  TRY_ASSIGN(Framework f, framework_from_oscal(oscal_json, key));
  TRY(store_own_framework(db, org, f, actor));
  return f;
}

// Built in as 1 or 0, for the reason list_frameworks gives.
Result<std::vector<StoredMapping>> list_mappings(store::Database& db, int64_t org) {
  TRY(ensure_catalogs(db));
  return db.read([&](store::Tx& tx) -> Result<std::vector<StoredMapping>> {
    TRY_ASSIGN(auto heads, tx.query("SELECT id, mapping_key, title, source_framework, "
                                    "target_framework, provenance, source, revision, CASE WHEN "
                                    "org_id IS NULL THEN 1 ELSE 0 END FROM framework_mappings "
                                    "WHERE org_id IS NULL OR org_id "
                                    "= $1 ORDER BY title",
                                    {org}));
    std::vector<StoredMapping> out;
    for (auto& row : heads) {
      store::RowReader r(row);
      const int64_t id = r.int64();
      StoredMapping s;
      s.mapping.key = r.text();
      s.mapping.title = r.text();
      s.mapping.source_framework = r.text();
      s.mapping.target_framework = r.text();
      s.mapping.provenance = r.text();
      s.mapping.source = r.text();
      s.mapping.revision = r.int64();
      s.built_in = r.boolean();
      TRY_ASSIGN(auto links, tx.query("SELECT source_item, target_item, relationship, note FROM "
                                      "framework_mapping_links WHERE mapping_id = $1 ORDER BY "
                                      "source_item, target_item",
                                      {id}));
      for (auto& l : links) {
        store::RowReader lr(l);
        Link link;
        link.source = lr.text();
        link.target = lr.text();
        link.relationship = lr.text();
        link.note = lr.text();
        s.mapping.links.push_back(std::move(link));
      }
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace aims::controls
