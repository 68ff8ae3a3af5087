#include "inventory/views.h"

#include "auth/auth.h"
#include "base/time.h"
#include "http/paging.h"
#include "http/parse/form.h"
#include "inventory/rules.h"

namespace aims::inventory {
namespace {

using nlohmann::json;

std::string name_of(const std::vector<std::pair<int64_t, std::string>>& names, int64_t id) {
  for (const auto& [key, name] : names) {
    if (key == id) return name;
  }
  return "#" + std::to_string(id);
}

std::string page_of(Kind kind, int64_t id) {
  return std::string(entity(kind).page_path) + "/" + std::to_string(id);
}

// A query string with `changes` applied to the current list parameters.
std::string list_href(const http::Context& ctx, const Entity& e,
                      const std::vector<std::pair<std::string, std::string>>& changes) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : ctx.query) {
    if (k != "cursor") params[k] = v;
  }
  for (const auto& [k, v] : changes)
    params[k] = v;
  std::string query;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    query += (query.empty() ? "?" : "&") + http::percent_encode(k) + "=" + http::percent_encode(v);
  }
  return std::string(e.page_path) + query;
}

json choice_options(const Field& f, const std::string& selected, bool with_blank) {
  json options = json::array();
  if (with_blank)
    options.push_back({{"value", ""}, {"label", "—"}, {"selected", selected.empty()}});
  for (const auto& c : f.choices) {
    options.push_back({{"value", c.value}, {"label", c.label}, {"selected", selected == c.value}});
  }
  return options;
}

json id_options(const std::vector<std::pair<int64_t, std::string>>& choices,
                std::optional<int64_t> selected, bool with_blank) {
  json options = json::array();
  if (with_blank) options.push_back({{"value", ""}, {"label", "—"}, {"selected", !selected}});
  for (const auto& [id, name] : choices) {
    options.push_back(
        {{"value", std::to_string(id)}, {"label", name}, {"selected", selected == id}});
  }
  return options;
}

const char* input_kind(FieldType type) {
  switch (type) {
    case FieldType::long_text:
    case FieldType::text_list:
      return "textarea";
    case FieldType::choice:
    case FieldType::user_ref:
    case FieldType::supplier_ref:
      return "select";
    case FieldType::flag:
      return "checkbox";
    case FieldType::date:
      return "date";
    case FieldType::count:
      return "number";
    case FieldType::email:
      return "email";
    default:
      return "text";
  }
}

}  // namespace

Result<Names> load_names(const http::Context& ctx, const Entity& e) {
  Names n;
  auto users = auth::list_users(ctx.db, ctx.org());
  if (!users) return users.error();
  for (const auto& u : *users) {
    n.users[u.id] = u.name;
    if (u.status == "active") n.active_users.emplace_back(u.id, u.name + " (" + u.email + ")");
  }
  std::set<Kind> kinds;
  for (const auto& f : e.fields) {
    if (f.type == FieldType::supplier_ref) kinds.insert(Kind::supplier);
  }
  for (const auto& l : e.links)
    kinds.insert(l.target);
  for (Kind kind : kinds) {
    ListQuery archived_only;
    archived_only.archived = Archived::only;
    archived_only.limit = 1000;
    auto archived = list(ctx.db, ctx.org(), kind, archived_only);
    if (!archived) return archived.error();
    for (const auto& r : archived->items)
      n.archived[kind].insert(r.id);
    auto all = names(ctx.db, ctx.org(), kind);
    if (!all) return all.error();
    n.records[kind] = std::move(*all);
  }
  return n;
}

json entity_view(const Entity& e) {
  return {{"singular", e.singular},
          {"plural", e.plural},
          {"page_path", e.page_path},
          {"api_path", e.api_path},
          {"is_system", e.kind == Kind::ai_system}};
}

json value_view(const Field& f, const Record& r, const Names& names) {
  json out = {{"label", f.label}, {"key", f.key}};
  const auto id = r.number(f.key);
  switch (f.type) {
    case FieldType::choice:
      out["text"] = choice_label(f, r.text(f.key));
      break;
    case FieldType::flag:
      out["text"] = r.flag(f.key) ? "Yes" : "No";
      break;
    case FieldType::user_ref:
      out["text"] = id && names.users.count(*id) ? names.users.at(*id) : "";
      break;
    case FieldType::supplier_ref:
      if (id) {
        out["text"] = name_of(names.records.at(Kind::supplier), *id);
        out["href"] = page_of(Kind::supplier, *id);
      }
      break;
    case FieldType::text_list:
      out["list"] = r.list(f.key);
      break;
    case FieldType::count:
      out["text"] = id ? std::to_string(*id) : "";
      break;
    default:
      out["text"] = r.text(f.key);
  }
  out["is_long"] = f.type == FieldType::long_text;
  return out;
}

json list_view(const http::Context& ctx, const Entity& e, const ListQuery& q, const ListPage& page,
               const Names& names) {
  json columns = json::array();
  const auto sortable = sortable_keys(e.kind);
  for (const char* key : e.list_keys) {
    const Field* f = find_field(e, key);
    json column = {{"label", f->label}};
    if (std::find(sortable.begin(), sortable.end(), key) != sortable.end()) {
      const bool current = q.sort == key;
      column["href"] =
          list_href(ctx, e, {{"sort", current && !q.descending ? "-" + std::string(key) : key}});
      column["sorted"] = current ? (q.descending ? "↓" : "↑") : "";
    }
    columns.push_back(column);
  }
  json rows = json::array();
  for (const auto& r : page.items) {
    json cells = json::array();
    for (const char* key : e.list_keys) {
      json cell = value_view(*find_field(e, key), r, names);
      if (std::string_view(key) == "name") {
        cell["text"] = r.display_name();
        cell["href"] = page_of(e.kind, r.id);
      }
      cells.push_back(cell);
    }
    rows.push_back({{"cells", cells}, {"archived", r.archived_at.has_value()}});
  }
  json filters = json::array();
  for (const char* key : e.filter_keys) {
    const Field* f = find_field(e, key);
    std::string selected;
    for (const auto& [k, v] : q.filters) {
      if (k == key) selected = v;
    }
    json options;
    if (f->type == FieldType::choice) {
      options = choice_options(*f, selected, true);
    } else if (f->type == FieldType::flag) {
      options =
          json::array({{{"value", ""}, {"label", "—"}, {"selected", selected.empty()}},
                       {{"value", "true"}, {"label", "Yes"}, {"selected", selected == "true"}},
                       {{"value", "false"}, {"label", "No"}, {"selected", selected == "false"}}});
    } else {
      std::optional<int64_t> id;
      if (!selected.empty()) id = std::strtoll(selected.c_str(), nullptr, 10);
      options = id_options(names.active_users, id, true);
    }
    filters.push_back({{"key", key}, {"label", f->label}, {"options", options}});
  }
  const auto archived = q.archived == Archived::include ? "include"
                        : q.archived == Archived::only  ? "only"
                                                        : "";
  json view = {
      {"entity", entity_view(e)},
      {"columns", columns},
      {"rows", rows},
      {"filters", filters},
      {"search", q.search},
      {"tag", q.tag},
      {"has_tags", find_field(e, "tags") != nullptr},
      {"archived_options",
       json::array(
           {{{"value", ""}, {"label", "Active only"}, {"selected", std::string(archived).empty()}},
            {{"value", "include"},
             {"label", "Active and archived"},
             {"selected", std::string(archived) == "include"}},
            {{"value", "only"},
             {"label", "Archived only"},
             {"selected", std::string(archived) == "only"}}})},
      {"total", page.total},
      {"shown", page.items.size()},
      {"export_csv", std::string(e.api_path) + "/export?format=csv" +
                         (*archived ? std::string("&archived=") + archived : "")},
      {"export_xlsx", std::string(e.api_path) + "/export?format=xlsx" +
                          (*archived ? std::string("&archived=") + archived : "")}};
  if (page.next_cursor)
    view["next_href"] = list_href(ctx, e, {{"cursor", http::encode_cursor(*page.next_cursor)}});
  if (q.cursor) view["first_href"] = list_href(ctx, e, {});
  return view;
}

json detail_view(const Record& r, const Names& names) {
  const Entity& e = entity(r.kind);
  json groups = json::array();
  for (const auto& f : e.fields) {
    if (groups.empty() || groups.back()["label"] != f.group)
      groups.push_back({{"label", f.group}, {"items", json::array()}});
    groups.back()["items"].push_back(value_view(f, r, names));
  }
  json links = json::array();
  for (const auto& l : e.links) {
    json items = json::array();
    for (int64_t id : r.links.at(l.key)) {
      items.push_back(
          {{"name", name_of(names.records.at(l.target), id)},
           {"href", page_of(l.target, id)},
           {"archived", names.archived.count(l.target) && names.archived.at(l.target).count(id)}});
    }
    links.push_back(
        {{"label", l.label}, {"items", items}, {"singular", entity(l.target).singular}});
  }
  return {{"entity", entity_view(e)},
          {"id", r.id},
          {"name", r.display_name()},
          {"version", r.version},
          {"archived", r.archived_at.has_value()},
          {"archived_at", r.archived_at.value_or("")},
          {"created_at", r.created_at.substr(0, 10)},
          {"updated_at", minute_text(r.updated_at)},
          {"groups", groups},
          {"links", links}};
}

json form_view(const Entity& e, const Record& r, const Names& names,
               const std::map<std::string, std::string>& errors) {
  json groups = json::array();
  for (const auto& f : e.fields) {
    if (groups.empty() || groups.back()["label"] != f.group)
      groups.push_back({{"label", f.group}, {"fields", json::array()}});
    json field = {{"key", f.key},
                  {"label", f.label},
                  {"hint", f.hint},
                  {"required", f.required},
                  {"input", input_kind(f.type)},
                  {"error", errors.count(f.key) ? errors.at(f.key) : ""}};
    field["is_" + std::string(input_kind(f.type))] = true;
    const auto it = r.values.find(f.key);
    const FieldValue value = it == r.values.end() ? FieldValue() : it->second;
    if (f.type == FieldType::choice) {
      field["options"] = choice_options(f, r.text(f.key), !f.required);
    } else if (f.type == FieldType::user_ref) {
      field["options"] = id_options(names.active_users, r.number(f.key), !f.required);
    } else if (f.type == FieldType::supplier_ref) {
      std::vector<std::pair<int64_t, std::string>> active;
      for (const auto& [id, name] : names.records.at(Kind::supplier)) {
        const bool archived =
            names.archived.count(Kind::supplier) && names.archived.at(Kind::supplier).count(id);
        if (!archived || r.number(f.key) == id) active.emplace_back(id, name);
      }
      field["options"] = id_options(active, r.number(f.key), true);
    } else if (f.type == FieldType::flag) {
      field["checked"] = r.flag(f.key);
    } else {
      field["value"] = rules::to_text(value, f.type == FieldType::text_list ? "\n" : "");
    }
    groups.back()["fields"].push_back(field);
  }
  json links = json::array();
  for (const auto& l : e.links) {
    json options = json::array();
    const auto& chosen = r.links.count(l.key) ? r.links.at(l.key) : std::vector<int64_t>{};
    for (const auto& [id, name] : names.records.at(l.target)) {
      const bool checked = std::find(chosen.begin(), chosen.end(), id) != chosen.end();
      if (names.archived.count(l.target) && names.archived.at(l.target).count(id) && !checked)
        continue;
      options.push_back({{"id", id}, {"label", name}, {"checked", checked}});
    }
    links.push_back({{"key", l.key},
                     {"label", l.label},
                     {"options", options},
                     {"error", errors.count(l.key) ? errors.at(l.key) : ""},
                     {"target", entity(l.target).plural},
                     {"target_path", entity(l.target).page_path}});
  }
  return {{"entity", entity_view(e)}, {"groups", groups}, {"links", links}, {"version", r.version}};
}

Result<Record> record_from_form(const http::Context& ctx, const Entity& e) {
  Record r;
  r.kind = e.kind;
  for (const auto& f : e.fields) {
    const std::string text = ctx.form_value(f.key).value_or("");
    auto value = rules::parse_text(
        f, f.type == FieldType::flag ? (ctx.form_value(f.key) ? "yes" : "no") : text, '\n');
    if (!value) return value.error();
    r.values[f.key] = std::move(*value);
  }
  for (const auto& l : e.links) {
    auto& ids = r.links[l.key];
    for (const auto& v : ctx.form_values(l.key)) {
      const int64_t id = std::strtoll(v.c_str(), nullptr, 10);
      if (id > 0) ids.push_back(id);
    }
  }
  return r;
}

}  // namespace aims::inventory
