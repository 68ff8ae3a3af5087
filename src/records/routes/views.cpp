#include "records/routes/views.h"

#include <algorithm>
#include <cctype>

#include "auth/auth.h"
#include "base/time.h"
#include "http/paging.h"
#include "http/parse/form.h"
#include "records/rules.h"
#include "web/markdown.h"

namespace aims::records::views {
namespace {

using nlohmann::json;

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

// A query string with `changes` applied to the current list parameters.
std::string list_href(const http::Context& ctx, const Description& d,
                      const std::vector<std::pair<std::string, std::string>>& changes) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : ctx.query) {
    if (k != "cursor" && k != "notice") params[k] = v;
  }
  for (const auto& [k, v] : changes)
    params[k] = v;
  std::string query;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    query += (query.empty() ? "?" : "&") + http::percent_encode(k) + "=" + http::percent_encode(v);
  }
  return std::string(d.page_path) + query;
}

json option(const std::string& value, const std::string& label, bool selected) {
  return {{"value", value}, {"label", label}, {"selected", selected}};
}

json choice_options(const Field& f, const std::string& selected, bool with_blank) {
  json options = json::array();
  if (with_blank) options.push_back(option("", "—", selected.empty()));
  for (const auto& c : f.choices)
    options.push_back(option(c.value, c.label, selected == c.value));
  return options;
}

json user_options(const Names& n, std::optional<int64_t> selected, bool with_blank) {
  json options = json::array();
  if (with_blank) options.push_back(option("", "—", !selected));
  for (const auto& [id, name] : n.active_users) {
    options.push_back(option(std::to_string(id), name, selected == id));
  }
  return options;
}

// Records a picker offers: the active ones, and any archived one already chosen.
json record_options(const Names& n, const Field& f, const Ids& chosen, bool with_blank) {
  json options = json::array();
  if (with_blank) options.push_back(option("", "—", chosen.empty()));
  auto it = n.records.find(f.target);
  if (it == n.records.end()) return options;
  std::vector<const Named*> sorted;
  for (const auto& [id, named] : it->second)
    sorted.push_back(&named);
  std::sort(sorted.begin(), sorted.end(),
            [](const Named* a, const Named* b) { return a->name < b->name; });
  for (const Named* named : sorted) {
    const bool picked = std::find(chosen.begin(), chosen.end(), named->id) != chosen.end();
    if (named->archived && !picked) continue;
    options.push_back({{"value", std::to_string(named->id)},
                       {"label", named->name},
                       {"selected", picked},
                       {"checked", picked}});
  }
  return options;
}

const char* input_kind(const Field& f) {
  switch (f.type) {
    case FieldType::long_text:
    case FieldType::markdown:
    case FieldType::text_list:
      return "textarea";
    case FieldType::choice:
    case FieldType::user_ref:
      return "select";
    case FieldType::record_ref:
      return f.many ? "checklist" : "select";
    case FieldType::flag:
      return "checkbox";
    case FieldType::date:
      return "date";
    case FieldType::integer:
    case FieldType::score:
    case FieldType::decimal:
      return "number";
    case FieldType::email:
      return "email";
    case FieldType::url:
      return "url";
    default:
      return "text";
  }
}

json reference_items(const Field& f, const Record& r, const Names& n) {
  json items = json::array();
  const auto target = reference_target(f.target);
  auto known = n.records.find(f.target);
  for (int64_t id : r.ids(f.key)) {
    json item = {{"href", target ? target->page_path + "/" + std::to_string(id) : ""},
                 {"archived", false}};
    if (known != n.records.end() && known->second.count(id)) {
      item["name"] = known->second.at(id).name;
      item["archived"] = known->second.at(id).archived;
    } else {
      item["name"] = "#" + std::to_string(id);
    }
    items.push_back(item);
  }
  return items;
}

// Field key -> message, from an error holding one problem or several.
std::map<std::string, std::string> messages_of(const Error* error) {
  std::map<std::string, std::string> out;
  if (!error) return out;
  if (error->problems.empty() && !error->field.empty()) out[error->field] = error->message;
  for (const auto& p : error->problems)
    out[p.field] = p.message;
  return out;
}

}  // namespace

Result<Names> Names::for_form(const http::Context& ctx, const Description& d) {
  Names n;
  TRY_ASSIGN(auto users, auth::list_users(ctx.db, ctx.org()));
  for (const auto& u : users) {
    n.users[u.id] = u.name;
    if (u.status == "active") n.active_users.emplace_back(u.id, u.name + " (" + u.email + ")");
  }
  for (const auto& f : d.fields) {
    if (f.type != FieldType::record_ref || n.records.count(f.target)) continue;
    const auto target = reference_target(f.target);
    if (!target) continue;
    TRY_ASSIGN(auto every, all_names(ctx.db, *target, ctx.org()));
    auto& named = n.records[f.target];
    for (auto& e : every)
      named[e.id] = std::move(e);
  }
  return n;
}

Result<Names> Names::for_records(const http::Context& ctx, const Description& d,
                                 const std::vector<Record>& shown) {
  Names n;
  TRY_ASSIGN(auto users, auth::list_users(ctx.db, ctx.org()));
  for (const auto& u : users) {
    n.users[u.id] = u.name;
    if (u.status == "active") n.active_users.emplace_back(u.id, u.name + " (" + u.email + ")");
  }
  std::vector<const char*> keys;
  for (const auto& f : d.fields)
    keys.push_back(f.key);
  TRY_ASSIGN(n.records, referenced_names(ctx.db, d, ctx.org(), shown, keys));
  return n;
}

// "Risks" for a heading; descriptions name registers in running text ("all risks").
std::string heading(const Description& d) {
  std::string out = d.plural;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

json register_view(const Description& d) {
  return {{"type", d.type},
          {"singular", d.singular},
          {"plural", d.plural},
          {"heading", heading(d)},
          {"page_path", d.page_path},
          {"api_path", d.api_path},
          {"has_workflow", d.workflow.has_value()},
          {"versioned", d.versioned}};
}

std::string record_href(const Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

json value_view(const Description& d, const Field& f, const Record& r, const Names& n) {
  // Every value has its "items" (references; none for other fields): mustache looks a missing
  // name up in the enclosing views, and the group's fields are "items" too.
  json out = {{"label", f.label}, {"key", f.key}, {"items", json::array()}};
  const auto id = r.number(f.key);
  switch (f.type) {
    case FieldType::choice:
      if (r.is_set(f.key)) out["text"] = d.choice_label(f.key, r.text(f.key));
      break;
    case FieldType::flag:
      out["text"] = r.flag(f.key) ? "Yes" : "No";
      break;
    case FieldType::user_ref:
      if (id && n.users.count(*id)) out["text"] = n.users.at(*id);
      break;
    case FieldType::record_ref:
      out["items"] = reference_items(f, r, n);
      out["is_reference"] = true;
      break;
    case FieldType::text_list:
      out["list"] = r.list(f.key);
      break;
    case FieldType::integer:
    case FieldType::score:
      if (id) out["text"] = std::to_string(*id);
      break;
    case FieldType::decimal:
      if (auto v = r.decimal(f.key)) out["text"] = number_text(*v);
      break;
    case FieldType::date_time:
      if (r.is_set(f.key)) out["text"] = minute_text(r.text(f.key)) + " UTC";
      break;
    case FieldType::markdown:
      if (r.is_set(f.key)) out["html"] = web::markdown_html(r.text(f.key));
      break;
    case FieldType::url:
      if (r.is_set(f.key)) {
        out["text"] = r.text(f.key);
        out["url"] = r.text(f.key);
      }
      break;
    default:
      if (r.is_set(f.key)) out["text"] = r.text(f.key);
  }
  out["is_long"] = f.type == FieldType::long_text;
  out["is_mono"] = f.type == FieldType::sha256;
  // A due date that has passed on a record with work left says so wherever the record is shown
  // (its page, its register's list, the lists of the records that refer to it).
  out["past_due"] = "";
  if (f.due && r.is_set(f.key) && !d.is_done(r.state) &&
      r.text(f.key) < now_timestamp().substr(0, 10))
    out["past_due"] = f.past_due_label;
  return out;
}

json row_cells(const Description& d, const Record& r, const Names& names,
               const std::vector<const char*>& keys) {
  json cells = json::array();
  for (const char* key : keys) {
    // Every cell names its state and link, so a template never finds the enclosing view's (a
    // record page's own state) in their place.
    if (std::string_view(key) == "state") {
      const State* s = d.state(r.state);
      cells.push_back({{"text", s ? s->label : r.state}, {"state", r.state}, {"href", ""}});
      continue;
    }
    json cell = value_view(d, *d.field(key), r, names);
    cell["state"] = "";
    cell["href"] = "";
    if (std::string_view(key) == d.title_field) {
      cell["text"] = d.display_name(r);
      cell["href"] = record_href(d, r.id);
    }
    cells.push_back(cell);
  }
  return cells;
}

json referrers_view(int64_t id, const std::vector<Referrer>& referrers, const Names& names) {
  json groups = json::array();
  std::vector<const char*> keys;
  for (size_t i = 0; i < referrers.size(); ++i) {
    const Referrer& r = referrers[i];
    const Description& from = *r.from;
    if (i == 0 || referrers[i - 1].from != r.from || referrers[i - 1].field != r.field) {
      keys.clear();
      json columns = json::array();
      if (std::none_of(from.list_columns.begin(), from.list_columns.end(),
                       [&](const char* k) { return std::string_view(k) == from.title_field; })) {
        keys.push_back(from.title_field);  // the link to the record
        columns.push_back(from.field(from.title_field)->label);
      }
      for (const char* key : from.list_columns) {
        const Field* f = from.field(key);
        if (f && f->type == FieldType::record_ref) continue;
        keys.push_back(key);
        columns.push_back(f ? f->label : "State");
      }
      std::string label = std::string(from.plural) + " (" + r.field->label + ")";
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
      json group = {{"label", label}, {"columns", columns}, {"rows", json::array()}};
      if (std::any_of(from.filters.begin(), from.filters.end(),
                      [&](const char* k) { return std::string_view(k) == r.field->key; })) {
        group["list_href"] = std::string(from.page_path) + "?" + r.field->key + "=" +
                             std::to_string(id) + "&archived=include";
        group["list_label"] = std::string("In the list of ") + from.plural + " →";
      }
      groups.push_back(group);
    }
    groups.back()["rows"].push_back(
        {{"cells", row_cells(from, r.record, names, keys)}, {"archived", r.archived}});
  }
  return groups;
}

json list_view(const http::Context& ctx, const Description& d, const Query& q, const Page& page,
               const Names& names) {
  json columns = json::array();
  const auto sortable = sort_keys(d);
  const std::string current = q.sort.empty() ? d.title_field : q.sort;
  for (const char* key : d.list_columns) {
    const Field* f = d.field(key);
    json column = {{"label", f ? f->label : "State"}};
    if (std::find(sortable.begin(), sortable.end(), key) != sortable.end()) {
      const bool sorted = current == key;
      column["href"] =
          list_href(ctx, d, {{"sort", sorted && !q.descending ? "-" + std::string(key) : key}});
      column["sorted"] = sorted ? (q.descending ? "↓" : "↑") : "";
    }
    columns.push_back(column);
  }
  json rows = json::array();
  for (const auto& r : page.items) {
    rows.push_back({{"cells", row_cells(d, r, names, d.list_columns)},
                    {"archived", r.archived_at.has_value()}});
  }
  json filters = json::array();
  for (const char* key : d.filters) {
    std::string selected;
    for (const auto& [k, v] : q.filters) {
      if (k == key) selected = v;
    }
    json filter = {{"key", key}};
    if (std::string_view(key) == "state") {
      json options = json::array({option("", "—", selected.empty())});
      for (const auto& s : d.workflow->states)
        options.push_back(option(s.value, s.label, selected == s.value));
      filters.push_back(
          {{"key", key}, {"label", "State"}, {"options", options}, {"is_select", true}});
      continue;
    }
    const Field* f = d.field(key);
    filter["label"] = f->label;
    if (f->type == FieldType::text_list) {
      filter["value"] = selected;
      filter["is_text"] = true;
    } else {
      filter["is_select"] = true;
      if (f->type == FieldType::choice) {
        filter["options"] = choice_options(*f, selected, true);
        for (const auto& g : f->choice_groups) {
          filter["options"].push_back(option(g.value, g.label, selected == g.value));
        }
      } else if (f->type == FieldType::flag) {
        filter["options"] = json::array({option("", "—", selected.empty()),
                                         option("true", "Yes", selected == "true"),
                                         option("false", "No", selected == "false")});
      } else if (f->type == FieldType::user_ref) {
        std::optional<int64_t> id;
        if (!selected.empty()) id = std::strtoll(selected.c_str(), nullptr, 10);
        filter["options"] = user_options(names, id, true);
      } else {
        Ids chosen;
        if (!selected.empty()) chosen.push_back(std::strtoll(selected.c_str(), nullptr, 10));
        filter["options"] = record_options(names, *f, chosen, true);
      }
    }
    filters.push_back(filter);
  }
  const std::string archived = q.archived == Archived::include ? "include"
                               : q.archived == Archived::only  ? "only"
                                                               : "";
  const bool filtered = !q.search.empty() || !q.filters.empty() || !archived.empty();
  std::string export_query = list_href(ctx, d, {{"sort", ""}});
  export_query = export_query.substr(std::string(d.page_path).size());
  const std::string joiner = export_query.empty() ? "?" : "&";
  json view = {
      {"register", register_view(d)},
      {"columns", columns},
      {"column_count", columns.size()},
      {"rows", rows},
      {"filters", filters},
      {"search", q.search},
      {"filtered", filtered},
      {"archived_options",
       json::array({option("", "Active only", archived.empty()),
                    option("include", "Active and archived", archived == "include"),
                    option("only", "Archived only", archived == "only")})},
      {"total", std::to_string(page.total) + (page.total_exact ? "" : "+")},
      {"shown", page.items.size()},
      {"export_csv", std::string(d.api_path) + "/export" + export_query + joiner + "format=csv"},
      {"export_xlsx", std::string(d.api_path) + "/export" + export_query + joiner + "format=xlsx"}};
  if (page.next_cursor) {
    view["next_href"] = list_href(ctx, d, {{"cursor", http::encode_cursor(*page.next_cursor)}});
  }
  if (q.cursor) view["first_href"] = list_href(ctx, d, {});
  return view;
}

json record_view(const Description& d, const Record& r, const Names& names) {
  json groups = json::array();
  for (const auto& f : d.fields) {
    if (!f.shown) continue;
    if (groups.empty() || groups.back()["label"] != f.group) {
      groups.push_back({{"label", f.group}, {"items", json::array()}});
    }
    groups.back()["items"].push_back(value_view(d, f, r, names));
  }
  const State* s = d.state(r.state);
  return {{"register", register_view(d)},
          {"id", r.id},
          {"name", d.display_name(r)},
          {"version", r.version},
          {"frozen", r.frozen > 0 ? json(r.frozen) : json(nullptr)},  // mustache shows 0 too
          {"state", r.state},
          {"state_label", s ? s->label : ""},
          {"editable", !r.archived_at && (!s || s->editable)},
          {"archived", r.archived_at.has_value()},
          {"archived_at", minute_text(r.archived_at.value_or(""))},
          {"created_at", minute_text(r.created_at)},
          {"updated_at", minute_text(r.updated_at)},
          {"groups", groups}};
}

json workflow_view(const Description& d, const Record& r, const WorkflowView& w,
                   const Names& names) {
  json open = json::array();
  for (const Transition* t : w.open) {
    json fields = json::array();
    for (const char* key : t->required_fields) {
      const Field* f = d.field(key);
      const auto it = r.values.find(key);
      const std::string value = it == r.values.end() ? "" : rules::to_text(it->second, "\n");
      // A move's fields take the input their type needs; choices and long text as the edit form
      // shows them, anything else as one line of its kind (a date, a number).
      json field = {{"key", key}, {"label", f->label}, {"value", value}};
      if (f->type == FieldType::choice) {
        field["is_select"] = true;
        field["options"] = choice_options(*f, value, false);
      } else if (f->type == FieldType::user_ref) {
        // Blank first, so the person chooses rather than takes whoever sorts first.
        field["is_select"] = true;
        field["options"] = user_options(names, r.number(key), true);
      } else if (std::string_view(input_kind(*f)) == "textarea") {
        field["is_textarea"] = true;
      } else {
        field["input"] = input_kind(*f);
      }
      if (f->type == FieldType::score || f->type == FieldType::integer) {
        field["min"] = number_text(f->min);
        field["max"] = number_text(f->max);
      }
      fields.push_back(field);
    }
    int given = 0;
    for (const auto& a : w.approvals)
      given += a.transition == t->name ? 1 : 0;
    open.push_back({{"name", t->name},
                    {"label", t->label},
                    {"reason_required", t->reason_required},
                    {"reason_label", *t->reason_label ? t->reason_label : "Reason"},
                    {"fields", fields},
                    {"approvals", t->approvals},
                    {"approvals_given", given},
                    {"needs_approvals", t->approvals > 0}});
  }
  json closed = json::array();
  for (const auto& [t, why] : w.closed)
    closed.push_back({{"label", t->label}, {"why", why}});
  json approvals = json::array();
  for (const auto& a : w.approvals) {
    const Transition* t = d.transition(a.transition);
    approvals.push_back({{"who", a.user_label},
                         {"step", t ? t->label : a.transition},
                         {"at", minute_text(a.at)},
                         {"reason", a.reason}});
  }
  return {{"state", w.state ? w.state->label : r.state},
          {"since", minute_text(w.since)},
          {"open", open},
          {"closed", closed},
          {"approvals", approvals},
          // Mustache cannot ask whether a list is empty ("closed.0" never matches), so say it.
          {"has_closed", !closed.empty()},
          {"has_approvals", !approvals.empty()}};
}

json form_view(const Description& d, const Record& r, const Names& names, const Error* error) {
  const auto errors = messages_of(error);
  json groups = json::array();
  for (const auto& f : d.fields) {
    if (f.computed || f.read_only) continue;
    if (groups.empty() || groups.back()["label"] != f.group) {
      groups.push_back({{"label", f.group}, {"fields", json::array()}});
    }
    const std::string kind = input_kind(f);
    json field = {{"key", f.key},
                  {"label", f.label},
                  {"hint", f.hint},
                  {"required", f.required && f.type != FieldType::flag},
                  {"error", errors.count(f.key) ? errors.at(f.key) : ""},
                  {"is_" + kind, true}};
    const auto it = r.values.find(f.key);
    const FieldValue value = it == r.values.end() ? FieldValue() : it->second;
    if (f.type == FieldType::choice) {
      field["options"] = choice_options(f, r.text(f.key), !f.required);
    } else if (f.type == FieldType::user_ref) {
      field["options"] = user_options(names, r.number(f.key), !f.required);
    } else if (f.type == FieldType::record_ref) {
      field["options"] = record_options(names, f, r.ids(f.key), !f.many);
      if (const auto target = reference_target(f.target)) {
        field["target_plural"] = target->plural;
        field["target_path"] = target->page_path;
      }
    } else if (f.type == FieldType::flag) {
      field["checked"] = r.flag(f.key);
    } else {
      field["value"] = rules::to_text(value, f.type == FieldType::text_list ? "\n" : "");
      if (f.type == FieldType::decimal) field["step"] = "any";
      if (f.min != 0 || f.max != 0) {
        field["min"] = number_text(f.min);
        field["max"] = number_text(f.max);
      } else if (kind == "number") {
        field["min"] = "0";
      }
    }
    groups.back()["fields"].push_back(field);
  }
  json view = {{"register", register_view(d)}, {"groups", groups}, {"version", r.version}};
  if (error) {
    view["form_error"] = error->problems.size() > 1
                             ? std::to_string(error->problems.size()) +
                                   " fields need attention; each says what is wrong below."
                             : error->message;
  }
  return view;
}

Result<Query> read_query(const http::Context& ctx, const Description& d) {
  Query q{.count_limit = kListCountLimit};
  q.search = ctx.query_value("q").value_or("");
  if (q.search.size() > 200)
    return Error::invalid("q", "the search must be at most 200 characters");
  if (!q.search.empty()) q.count_limit = kSearchCountLimit;
  for (const char* key : d.filters) {
    auto value = ctx.query_value(key);
    // "tag" is what lists called the tags filter before the records platform.
    if (!value && std::string_view(key) == "tags") value = ctx.query_value("tag");
    if (value && !value->empty()) q.filters.emplace_back(key, *value);
  }
  const std::string archived = ctx.query_value("archived").value_or("");
  if (archived == "include") {
    q.archived = Archived::include;
  } else if (archived == "only") {
    q.archived = Archived::only;
  } else if (!archived.empty() && archived != "exclude") {
    return Error::invalid("archived", "archived must be exclude, include or only");
  }
  TRY_ASSIGN(auto page, http::read_page_request(ctx, sort_keys(d),
                                                d.default_sort ? d.default_sort : d.title_field));
  q.limit = page.limit;
  q.cursor = page.cursor;
  q.sort = page.sort;
  q.descending = page.descending;
  return q;
}

Record record_from_form(const http::Context& ctx, const Description& d, Problems& problems) {
  Record r;
  // The register's own form carries every field (an absent checkbox is "no"); a short form on
  // another page (report an incident) sends a few, and the rest take their defaults.
  const bool full_form = ctx.form_value("version").has_value();
  for (const auto& f : d.fields) {
    if (f.computed || f.read_only) continue;
    const bool posted = ctx.form_value(f.key).has_value() || !ctx.form_values(f.key).empty();
    if (!full_form && !posted) continue;
    std::string text;
    if (f.type == FieldType::flag) {
      text = ctx.form_value(f.key) ? "yes" : "no";
    } else if (f.type == FieldType::record_ref && f.many) {
      for (const auto& v : ctx.form_values(f.key))
        text += v + "\n";
    } else {
      text = ctx.form_value(f.key).value_or("");
    }
    auto value = rules::parse_text(f, text, '\n');
    if (!value) {
      problems.add(f.key, value.error().message);
      r.values[f.key] = text;  // shown again as typed
      continue;
    }
    r.values[f.key] = std::move(*value);
  }
  return r;
}

}  // namespace aims::records::views
