// Frameworks and their mappings, the Statement of Applicability page, SoA versions compared, and
// their JSON API; the SoA entries, versions and evidence get the rest from the records platform.
#include "controls/routes.h"

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/csv.h"
#include "base/time.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "controls/monitor_evidence.h"
#include "controls/oscal.h"
#include "controls/oscal_implementation.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "http/upload_store.h"
#include "records/routes/routes.h"
#include "report/xlsx.h"
#include "web/chart.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::controls {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

// An item's id as an HTML fragment id: ids such as "GOVERN 1.1" hold spaces, which ids may not.
std::string anchor_of(std::string id) {
  for (char& c : id) {
    if (c == ' ') c = '-';
  }
  return id;
}

// ---- frameworks ------------------------------------------------------------------------------

json summary_json(const FrameworkSummary& s) {
  return {{"key", s.key},           {"short_name", s.short_name},
          {"name", s.name},         {"publisher", s.publisher},
          {"edition", s.edition},   {"revision", s.revision},
          {"built_in", s.built_in}, {"assessable", s.assessable}};
}

// item id -> the items other frameworks link to it, from every mapping at once (one read per
// page instead of one per item).
using RelatedIndex = std::map<std::string, std::vector<json>>;

Result<RelatedIndex> related_index(const Context& ctx, const std::string& key) {
  TRY_ASSIGN(const auto mappings, list_mappings(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto frameworks, list_frameworks(ctx.db, ctx.org()));
  std::map<std::string, std::string> names;
  for (const auto& f : frameworks)
    names[f.key] = f.short_name;
  RelatedIndex out;
  for (const auto& [m, built_in] : mappings) {
    const bool forward = m.source_framework == key;
    if (!forward && m.target_framework != key) continue;
    const std::string other = forward ? m.target_framework : m.source_framework;
    for (const auto& l : m.links) {
      std::string relationship = l.relationship;
      if (!forward && relationship == "subset-of")
        relationship = "superset-of";
      else if (!forward && relationship == "superset-of")
        relationship = "subset-of";
      out[forward ? l.source : l.target].push_back(
          {{"framework", other},
           {"framework_name", names[other]},
           {"id", forward ? l.target : l.source},
           {"anchor", anchor_of(forward ? l.target : l.source)},
           {"relationship", relationship},
           {"provenance", m.provenance},
           {"own", m.provenance == "aims"},
           {"note", l.note}});
    }
  }
  return out;
}

json item_json(const Item& i, const RelatedIndex& related, int depth) {
  const auto r = related.find(i.id);
  json roles = json::array();
  for (const auto& role : i.roles)
    roles.push_back(role);
  return {{"id", i.id},
          {"anchor", anchor_of(i.id)},
          {"parent", i.parent},
          {"kind", i.kind},
          {"title", i.title},
          {"description", i.description},
          {"guidance", i.guidance},
          {"documented_information", i.documented_information},
          {"applies_from", i.applies_from},
          {"roles", roles},
          {"note", i.note},
          {"depth", depth},
          {"is_section", i.kind == "section"},
          {"related", r == related.end() ? json::array() : json(r->second)}};
}

Result<json> framework_json(const Context& ctx, const std::string& key) {
  TRY_ASSIGN(const Framework f, stored_framework(ctx.db, ctx.org(), key));
  TRY_ASSIGN(const RelatedIndex related, related_index(ctx, key));
  std::map<std::string, int> depth;
  json items = json::array();
  for (const Item& i : f.items) {
    depth[i.id] = i.parent.empty() ? 0 : depth[i.parent] + 1;
    items.push_back(item_json(i, related, depth[i.id]));
  }
  return json{{"key", f.key},           {"short_name", f.short_name},
              {"name", f.name},         {"publisher", f.publisher},
              {"edition", f.edition},   {"source", f.source},
              {"revision", f.revision}, {"items", items}};
}

Result<Response> frameworks_api(Context& ctx) {
  TRY_ASSIGN(const auto list, list_frameworks(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& s : list)
    items.push_back(summary_json(s));
  return http::json_list(items, std::nullopt);
}

Result<Response> framework_api(Context& ctx) {
  TRY_ASSIGN(json body, framework_json(ctx, ctx.params.at(0).second));
  return http::json_response(200, body);
}

Result<Response> mappings_api(Context& ctx) {
  TRY_ASSIGN(const auto list, list_mappings(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& [m, built_in] : list) {
    json links = json::array();
    for (const auto& l : m.links)
      links.push_back({{"source", l.source},
                       {"target", l.target},
                       {"relationship", l.relationship},
                       {"note", l.note}});
    items.push_back({{"key", m.key},
                     {"title", m.title},
                     {"source_framework", m.source_framework},
                     {"target_framework", m.target_framework},
                     {"provenance", m.provenance},
                     {"source", m.source},
                     {"revision", m.revision},
                     {"built_in", built_in},
                     {"links", links}});
  }
  return http::json_list(items, std::nullopt);
}

Result<Response> frameworks_page_with(const Context& ctx, int status, const Error& error) {
  TRY_ASSIGN(const auto list, list_frameworks(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto mappings, list_mappings(ctx.db, ctx.org()));
  json frameworks = json::array();
  for (const auto& s : list)
    frameworks.push_back(summary_json(s));
  json maps = json::array();
  for (const auto& [m, built_in] : mappings)
    maps.push_back({{"key", m.key},
                    {"title", m.title},
                    {"links", m.links.size()},
                    {"own", m.provenance == "aims"},
                    {"organisation", m.provenance == "organisation"},
                    {"source", m.source}});
  json view = {{"frameworks", frameworks}, {"mappings", maps}};
  view["form_error"] =
      error.message.empty() ? "" : (error.field.empty() ? "" : error.field + ": ") + error.message;
  return web::page(ctx, status, {"Frameworks", "frameworks"},
                   "controls/templates/frameworks.mustache", view);
}

Result<Response> frameworks_page(Context& ctx) {
  return frameworks_page_with(ctx, 200, Error{ErrorCode::internal, "", ""});
}

// Mustache cannot ask whether a list is empty, so pages get a flag beside each list they
// introduce with a heading.
void flag_lists(json& items, const std::vector<const char*>& keys) {
  for (auto& i : items) {
    for (const char* key : keys)
      i[std::string("has_") + key] = !i[key].empty();
  }
}

// An own framework's page lets the AIMS manager map its controls to ISO/IEC 42001: one form to
// add a link, a button beside each link to remove it.
Result<json> mapping_form(const Context& ctx, const std::string& key, json& items) {
  TRY_ASSIGN(const FrameworkSummary framework, framework_summary(ctx.db, ctx.org(), key));
  if (framework.built_in || !ctx.can(auth::Action::manage_org)) return json(nullptr);
  json own_items = json::array();
  for (auto& i : items) {
    if (i["kind"] != "requirement" && i["kind"] != "control") continue;
    own_items.push_back({{"id", i["id"]}, {"title", i["title"]}});
    for (auto& r : i["related"]) {
      r["removable"] = r["provenance"] == "organisation" && r["framework"] == kIso42001;
      r["source_item"] = i["id"];
    }
  }
  json targets = json::array();
  for (const Item& i : built_in_framework(kIso42001)->items) {
    if (i.assessable()) targets.push_back({{"id", i.id}, {"title", i.title}});
  }
  return json{{"key", key}, {"items", own_items}, {"targets", targets}};
}

Result<Response> framework_page_with(const Context& ctx, int status, const Error& error) {
  const std::string key = ctx.params.at(0).second;
  TRY_ASSIGN(json view, framework_json(ctx, key));
  TRY_ASSIGN(view["mapping_form"], mapping_form(ctx, key, view["items"]));
  flag_lists(view["items"], {"related"});
  view["form_error"] =
      error.message.empty() ? "" : (error.field.empty() ? "" : error.field + ": ") + error.message;
  const auto notice = ctx.query_value("notice").value_or("");
  view["notice"] = notice == "mapped"     ? "The link to ISO/IEC 42001 is saved."
                   : notice == "unmapped" ? "The link to ISO/IEC 42001 is removed."
                                          : "";
  return web::page(ctx, status, {view["short_name"].get<std::string>(), "frameworks"},
                   "controls/templates/framework.mustache", view);
}

Result<Response> framework_page(Context& ctx) {
  return framework_page_with(ctx, 200, Error{ErrorCode::internal, "", ""});
}

// ---- OSCAL ------------------------------------------------------------------------------------

Response json_download(const json& body, const std::string& filename) {
  return Response::download(body.dump(1), "application/json", filename);
}

Result<Response> framework_oscal_api(Context& ctx) {
  TRY_ASSIGN(const Framework f, stored_framework(ctx.db, ctx.org(), ctx.params.at(0).second));
  return json_download(oscal_catalog(f, oscal_now()), f.key + ".oscal-catalog.json");
}

Result<Response> mapping_oscal_api(Context& ctx) {
  const std::string key = ctx.params.at(0).second;
  TRY_ASSIGN(const auto mappings, list_mappings(ctx.db, ctx.org()));
  for (const auto& [m, built_in] : mappings) {
    if (m.key != key) continue;
    TRY_ASSIGN(const Framework source, stored_framework(ctx.db, ctx.org(), m.source_framework));
    TRY_ASSIGN(const Framework target, stored_framework(ctx.db, ctx.org(), m.target_framework));
    return json_download(oscal_mapping_collection(m, source, target, oscal_now()),
                         m.key + ".oscal-mapping.json");
  }
  return Error::not_found("no mapping \"" + key + "\"");
}

Result<std::string> uploaded_text(const Context& ctx) {
  std::shared_ptr<http::UploadFile> file = ctx.request.body_file;
  if (const auto* part = ctx.upload("file")) file = part->file;
  if (!file)
    return Error::malformed("send the OSCAL catalog as the body or as the 'file' field", "file");
  std::ifstream in(file->path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<Framework> import_framework(const Context& ctx, const std::string& key) {
  auto text = uploaded_text(ctx);
  // A form sent with neither a key nor a file is told about the key first, as it reads.
  if (!text && !key.empty()) return text.error();
  return import_own_framework(ctx.db, ctx.org(), key, text ? *text : "", ctx.who().actor());
}

Result<Response> import_api(Context& ctx) {
  TRY_ASSIGN(const Framework f, import_framework(ctx, ctx.query_value("key").value_or("")));
  TRY_ASSIGN(json body, framework_json(ctx, f.key));
  return http::json_response(201, body);
}

Result<Response> import_submit(Context& ctx) {
  auto f = import_framework(ctx, ctx.form_value("key").value_or(""));
  if (!f) return frameworks_page_with(ctx, http::status_for(f.error().code), f.error());
  return Response::redirect("/controls/frameworks/" + f->key);
}

// ---- the organisation's mapping of its own frameworks -----------------------------------------

// The links `item` of framework `key` has in the organisation's own mapping to ISO/IEC 42001.
Result<std::vector<Link>> own_links_of(const Context& ctx, const std::string& key,
                                       const std::string& item) {
  TRY_ASSIGN(const auto mappings, list_mappings(ctx.db, ctx.org()));
  std::vector<Link> out;
  for (const auto& [m, built_in] : mappings) {
    if (built_in || m.source_framework != key || m.target_framework != kIso42001) continue;
    for (const auto& l : m.links) {
      if (l.source == item) out.push_back(l);
    }
  }
  return out;
}

json links_json(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& l : links)
    out.push_back({{"target", l.target}, {"relationship", l.relationship}, {"note", l.note}});
  return out;
}

// {"links": [{"target": "A.6.2.4", "relationship": "intersects-with", "note": "..."}]}
Result<std::vector<Link>> links_from(http::JsonInput& in) {
  const auto text = in.optional_array_text("links");
  TRY(in.finish());
  if (!text) return Error::invalid("links", "give the links, an empty list to remove them all");
  std::vector<Link> out;
  const json list = json::parse(*text);
  for (size_t n = 0; n < list.size(); ++n) {
    const std::string at = "links[" + std::to_string(n) + "]";
    const json& l = list[n];
    if (!l.is_object()) return Error::invalid(at, "each link is an object");
    for (const auto& [name, value] : l.items()) {
      if (name != "target" && name != "relationship" && name != "note")
        return Error::invalid(at + "." + name, "unknown field");
      if (!value.is_string()) return Error::invalid(at + "." + name, "must be a string");
    }
    if (!l.contains("target")) return Error::invalid(at + ".target", "required");
    out.push_back({.target = l["target"],
                   .relationship = l.value("relationship", "intersects-with"),
                   .note = l.value("note", "")});
    if (out.back().note.size() > 2000)
      return Error::invalid(at + ".note", "at most 2000 characters");
  }
  return out;
}

Result<Response> item_links_api(Context& ctx) {
  const std::string key = ctx.params.at(0).second, item = ctx.params.at(1).second;
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  TRY_ASSIGN(auto links, links_from(in));
  TRY(set_own_links(ctx.db, ctx.org(), key, item, std::move(links), ctx.who().actor()));
  TRY_ASSIGN(const auto now, own_links_of(ctx, key, item));
  return http::json_response(200, {{"framework", key}, {"item", item}, {"links", links_json(now)}});
}

// The page's forms add one link or remove one; both rewrite the item's links as the API does.
Result<Response> change_link_submit(Context& ctx, bool add) {
  const std::string key = ctx.params.at(0).second;
  const std::string item = ctx.form_value("item").value_or("");
  const std::string target = ctx.form_value("target").value_or("");
  auto done = [&]() -> Status {
    TRY_ASSIGN(auto links, own_links_of(ctx, key, item));
    std::erase_if(links, [&](const Link& l) { return l.target == target; });
    if (add)
      links.push_back({.target = target,
                       .relationship = ctx.form_value("relationship").value_or("intersects-with"),
                       .note = ctx.form_value("note").value_or("")});
    return set_own_links(ctx.db, ctx.org(), key, item, std::move(links), ctx.who().actor());
  }();
  if (!done) return framework_page_with(ctx, http::status_for(done.error().code), done.error());
  return Response::redirect("/controls/frameworks/" + key +
                            "?notice=" + (add ? "mapped" : "unmapped") + "#" + anchor_of(item));
}

Result<Response> add_link_submit(Context& ctx) {
  return change_link_submit(ctx, true);
}

Result<Response> remove_link_submit(Context& ctx) {
  return change_link_submit(ctx, false);
}

// ---- the Statement of Applicability -----------------------------------------------------------

Result<std::map<int64_t, std::string>> user_names(const Context& ctx) {
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  std::map<int64_t, std::string> out;
  for (const auto& u : users)
    out[u.id] = u.name;
  return out;
}

const char* implementation_tone(const std::string& value) {
  if (value == "implemented") return "ok";
  if (value == "partial" || value == "planned") return "warn";
  return "";
}

// Everything the SoA page shows of one entry, counted into `counts` when it is an Annex A one.
struct EntryRows {
  const records::Description& d = soa_entries();
  std::map<int64_t, std::string> users;
  std::map<int64_t, bool> evidence_expired;
  std::map<int64_t, MonitorEvidence> watched;

  json row(const records::Record& e) const {
    const std::string applicability = e.text("applicability");
    const std::string implementation = e.text("implementation");
    int64_t evidence_count = 0, expired_count = 0;
    for (int64_t id : e.ids("evidence_ids")) {
      ++evidence_count;
      const auto it = evidence_expired.find(id);
      expired_count += it != evidence_expired.end() && it->second;
    }
    for (int64_t id : e.ids("monitor_ids")) {
      const auto it = watched.find(id);
      if (it == watched.end()) continue;
      ++evidence_count;
      expired_count += !it->second.current;
    }
    const auto owner = e.number("owner_id");
    return {{"id", e.id},
            {"applicability", d.choice_label("applicability", applicability)},
            {"undecided", applicability == "undecided"},
            {"applicable", applicability == "applicable"},
            {"implementation",
             applicability == "applicable" ? d.choice_label("implementation", implementation) : ""},
            {"implementation_tone", implementation_tone(implementation)},
            {"owner", owner && users.count(*owner) ? users.at(*owner) : ""},
            {"evidence", evidence_count},
            // mustache shows a section for any number, 0 too
            {"expired", expired_count > 0 ? json(expired_count) : json(nullptr)},
            {"justified", e.is_set("justification")}};
  }
};

void count_entry(json& counts, const records::Record& e) {
  const auto add = [&](const char* key) { counts[key] = counts[key].get<int>() + 1; };
  const std::string applicability = e.text("applicability");
  if (applicability != "undecided") add("decided");
  if (applicability == "applicable") add("applicable");
  if (applicability == "applicable" && e.text("implementation") == "implemented")
    add("implemented");
  if (applicability == "not_applicable") add("not_applicable");
}

// The organisation's own frameworks: a group of entries for each the SoA holds, and an offer to
// add the controls that have no entry yet.
// The SoA's entries by framework and control.
using EntryIndex = std::map<std::pair<std::string, std::string>, const records::Record*>;

Status add_own_frameworks(const Context& ctx, const EntryIndex& entries, const EntryRows& rows,
                          json& groups, json& addable) {
  TRY_ASSIGN(const auto frameworks, list_frameworks(ctx.db, ctx.org()));
  for (const auto& s : frameworks) {
    if (s.built_in) continue;
    TRY_ASSIGN(const Framework f, stored_framework(ctx.db, ctx.org(), s.key));
    json group = {{"id", s.short_name},
                  {"title", s.name == s.short_name ? "" : s.name},
                  {"controls", json::array()}};
    int64_t missing = 0;
    for (const Item& i : f.items) {
      if (!i.assessable()) continue;
      const auto e = entries.find({s.key, i.id});
      if (e == entries.end()) {
        ++missing;
        continue;
      }
      group["controls"].push_back(
          {{"control", i.id}, {"title", i.title}, {"entry", rows.row(*e->second)}});
    }
    if (!group["controls"].empty()) groups.push_back(std::move(group));
    if (missing > 0)
      addable.push_back({{"key", s.key}, {"name", s.short_name}, {"missing", missing}});
  }
  return {};
}

Result<json> soa_json(const Context& ctx) {
  TRY_ASSIGN(const auto entries,
             records::list_all(ctx.db, soa_entries(), ctx.org(), {.sort = "position"}));
  EntryRows rows;
  TRY_ASSIGN(rows.users, user_names(ctx));
  TRY_ASSIGN(const auto all_evidence, records::list_all(ctx.db, evidence(), ctx.org()));
  const std::string today = now_timestamp().substr(0, 10);
  for (const auto& e : all_evidence)
    rows.evidence_expired[e.id] = e.is_set("valid_until") && e.text("valid_until") < today;
  TRY_ASSIGN(rows.watched, monitor_evidence(ctx.db, ctx.org(), entries));
  EntryIndex by_control;
  for (const auto& e : entries)
    by_control[{e.text("framework"), e.text("control")}] = &e;
  const Framework* iso = built_in_framework(kIso42001);
  json groups = json::array();
  json counts = {{"controls", 0},       {"decided", 0},     {"applicable", 0},
                 {"not_applicable", 0}, {"implemented", 0}, {"missing", 0}};
  for (const Item* c : annex_a_controls()) {
    const Item* group = iso->item(c->parent);
    while (group && group->parent != "A")
      group = iso->item(group->parent);
    const std::string group_id = group ? group->id : c->parent;
    if (groups.empty() || groups.back()["id"] != group_id)
      groups.push_back(
          {{"id", group_id}, {"title", group ? group->title : ""}, {"controls", json::array()}});
    json row = {{"control", c->id}, {"title", c->title}, {"entry", nullptr}};
    counts["controls"] = counts["controls"].get<int>() + 1;
    if (const auto it = by_control.find({std::string(kIso42001), c->id}); it != by_control.end()) {
      row["entry"] = rows.row(*it->second);
      count_entry(counts, *it->second);
    } else {
      counts["missing"] = counts["missing"].get<int>() + 1;
    }
    groups.back()["controls"].push_back(row);
  }
  json addable = json::array();
  TRY(add_own_frameworks(ctx, by_control, rows, groups, addable));
  TRY_ASSIGN(auto versions, records::list(ctx.db, soa_versions(), ctx.org(),
                                          {.sort = "number", .descending = true, .limit = 20}));
  json latest = nullptr, waiting = nullptr;
  for (const auto& v : versions.items) {
    const json summary = {{"id", v.id},
                          {"title", v.text("title")},
                          {"number", v.number("number").value_or(0)},
                          {"since", v.state_since.substr(0, 10)}};
    if (v.state == "submitted" && waiting.is_null()) waiting = summary;
    if (v.state == "approved" && latest.is_null()) latest = summary;
  }
  return json{{"groups", groups},
              {"counts", counts},
              {"started", counts["missing"].get<int>() < counts["controls"].get<int>()},
              {"complete", counts["missing"].get<int>() == 0},
              {"latest_approved", latest},
              {"awaiting_approval", waiting},
              {"frameworks_to_add", addable}};
}

Result<Response> soa_api(Context& ctx) {
  TRY_ASSIGN(json body, soa_json(ctx));
  return http::json_response(200, body);
}

Result<Response> soa_page(Context& ctx) {
  TRY_ASSIGN(json view, soa_json(ctx));
  const auto notice = ctx.query_value("started");
  view["notice"] =
      notice ? "Added " + *notice + " controls to the Statement of Applicability." : "";
  return web::page(ctx, 200, {"Statement of Applicability", "soa"},
                   "controls/templates/soa.mustache", view);
}

Result<Response> start_api(Context& ctx) {
  const std::string key = ctx.query_value("framework").value_or(std::string(kIso42001));
  TRY_ASSIGN(const int64_t added, add_framework_to_soa(ctx.db, ctx.org(), key, caller_of(ctx)));
  TRY_ASSIGN(json body, soa_json(ctx));
  body["added"] = added;
  return http::json_response(200, body);
}

Result<Response> start_submit(Context& ctx) {
  const std::string key = ctx.form_value("framework").value_or(std::string(kIso42001));
  TRY_ASSIGN(const int64_t added, add_framework_to_soa(ctx.db, ctx.org(), key, caller_of(ctx)));
  return Response::redirect("/controls/soa?started=" + std::to_string(added));
}

json frozen_json(const std::vector<FrozenEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries)
    out.push_back({{"control", e.control},
                   {"title", e.title},
                   {"applicability", e.applicability},
                   {"justification", e.justification},
                   {"implementation", e.implementation},
                   {"owner", e.owner},
                   {"ai_systems", e.systems},
                   {"documents", e.documents},
                   {"evidence", e.evidence}});
  return out;
}

Result<records::Record> version_record(const Context& ctx, const std::string& param) {
  const auto text = ctx.query_value(param);
  const int64_t id = text ? std::strtoll(text->c_str(), nullptr, 10) : 0;
  if (id <= 0) return Error::invalid(param, "name the SoA version to compare (" + param + "=ID)");
  return records::get(ctx.db, soa_versions(), ctx.org(), id);
}

Result<json> comparison_json(const Context& ctx) {
  TRY_ASSIGN(const auto from, version_record(ctx, "from"));
  TRY_ASSIGN(const auto to, version_record(ctx, "to"));
  TRY_ASSIGN(const auto before, frozen_entries(ctx.db, ctx.org(), from.id));
  TRY_ASSIGN(const auto after, frozen_entries(ctx.db, ctx.org(), to.id));
  json changes = json::array();
  for (const auto& c : compare_entries(before, after)) {
    json fields = json::array();
    for (const auto& [label, values] : c.fields)
      fields.push_back({{"field", label}, {"was", values.first}, {"is", values.second}});
    changes.push_back({{"control", c.control}, {"title", c.title}, {"changes", fields}});
  }
  return json{{"from", {{"id", from.id}, {"title", from.text("title")}}},
              {"to", {{"id", to.id}, {"title", to.text("title")}}},
              {"controls", changes}};
}

Result<Response> compare_api(Context& ctx) {
  TRY_ASSIGN(json body, comparison_json(ctx));
  return http::json_response(200, body);
}

Result<Response> compare_page(Context& ctx) {
  TRY_ASSIGN(json view, comparison_json(ctx));
  return web::page(ctx, 200, {"Compare SoA versions", "soa"},
                   "controls/templates/soa_compare.mustache", view);
}

Result<Response> version_entries_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, soa_versions(), ctx.org(), id));
  TRY_ASSIGN(const auto entries, frozen_entries(ctx.db, ctx.org(), id));
  return http::json_list(frozen_json(entries), std::nullopt);
}

// An SoA version as an auditor files it: the organisation, the version, who submitted and who
// approved it and when, and every entry as it stood.
Result<json> version_sheet_json(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto v, records::get(ctx.db, soa_versions(), ctx.org(), id));
  TRY_ASSIGN(const auto entries, frozen_entries(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto frozen, records::versions(ctx.db, soa_versions(), ctx.org(), v));
  TRY_ASSIGN(const auto users, user_names(ctx));
  const auto submitter = v.created_by && users.count(*v.created_by) ? users.at(*v.created_by) : "";
  json approved = nullptr;
  if (!frozen.empty())
    approved = {{"by", frozen.back().frozen_by}, {"at", frozen.back().frozen_at.substr(0, 10)}};
  const records::State* state = soa_versions().state(v.state);
  return json{{"id", id},
              {"organisation", ctx.who().org_name},
              {"title", v.text("title")},
              {"state", state ? state->label : v.state},
              {"submitted_by", submitter},
              {"submitted_at", v.created_at.substr(0, 10)},
              {"approved", approved},
              {"change_summary", v.text("change_summary")},
              {"catalog", "ISO/IEC 42001:2023 Annex A, catalog revision " +
                              std::to_string(v.number("catalog_revision").value_or(0))},
              {"entries", frozen_json(entries)}};
}

Result<Response> version_print_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(json view, version_sheet_json(ctx, id));
  return web::page(ctx, 200,
                   {"Statement of Applicability, " + view["title"].get<std::string>(), "soa"},
                   "controls/templates/soa_print.mustache", view);
}

// The entries of a version as the spreadsheet and the CSV lay them out.
report::Sheet entries_sheet(const json& v) {
  auto text = [](const json& j) { return j.is_string() ? j.get<std::string>() : std::string(); };
  report::Sheet sheet{"Statement of Applicability",
                      {"Control", "Applicability", "Justification", "Implementation", "Owner",
                       "AI systems covered", "Policies and procedures", "Evidence"},
                      {}};
  for (const auto& e : v["entries"])
    sheet.rows.push_back({text(e["title"]), text(e["applicability"]), text(e["justification"]),
                          text(e["implementation"]), text(e["owner"]), text(e["ai_systems"]),
                          text(e["documents"]), text(e["evidence"])});
  return sheet;
}

Result<Response> version_csv(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const json v, version_sheet_json(ctx, id));
  const report::Sheet sheet = entries_sheet(v);
  std::string out = csv::row(sheet.header);
  for (const auto& r : sheet.rows)
    out += csv::row(r);
  return Response::download(
      std::move(out), "text/csv; charset=utf-8",
      "soa-" + v["title"].get<std::string>() + "-" + ctx.who().org_name + ".csv");
}

Result<Response> version_xlsx(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const json v, version_sheet_json(ctx, id));
  auto text = [](const json& j) { return j.is_string() ? j.get<std::string>() : std::string(); };
  report::Sheet about{"About", {"", ""}, {}};
  about.rows = {{"Organisation", text(v["organisation"])},
                {"Statement of Applicability", text(v["title"])},
                {"Status", text(v["state"])},
                {"Submitted by", text(v["submitted_by"]) + ", " + text(v["submitted_at"])},
                {"Approved by", v["approved"].is_null()
                                    ? "not yet approved"
                                    : text(v["approved"]["by"]) + ", " + text(v["approved"]["at"])},
                {"What changed", text(v["change_summary"])},
                {"Catalog", text(v["catalog"])}};
  TRY_ASSIGN(std::string bytes, report::xlsx({about, entries_sheet(v)}));
  return Response::download(std::move(bytes),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "soa-" + text(v["title"]) + "-" + ctx.who().org_name + ".xlsx");
}

// An SoA version's page shows the entries it holds, and links to what changed since the one
// before it.
Result<std::string> version_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto entries, frozen_entries(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto version, records::get(ctx.db, soa_versions(), ctx.org(), id));
  json previous = nullptr;
  const int64_t number = version.number("number").value_or(0);
  if (number > 1) {
    TRY_ASSIGN(auto page,
               records::list(ctx.db, soa_versions(), ctx.org(),
                             {.filters = {}, .sort = "number", .descending = true, .limit = 50}));
    for (const auto& v : page.items) {
      if (v.number("number").value_or(0) < number) {
        previous = {{"id", v.id}, {"id_to", id}, {"title", v.text("title")}};
        break;
      }
    }
  }
  return web::render("controls/templates/soa_version_panel.mustache",
                     {{"entries", frozen_json(entries)}, {"id", id}, {"previous", previous}});
}

// The monitors an entry cites, each with its latest run: the evidence that keeps itself current.
Result<std::string> entry_monitor_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto entry, records::get(ctx.db, soa_entries(), ctx.org(), id));
  if (entry.ids("monitor_ids").empty()) return std::string();
  TRY_ASSIGN(const auto watched, monitor_evidence(ctx.db, ctx.org(), {entry}));
  json rows = json::array();
  for (int64_t monitor : entry.ids("monitor_ids")) {
    const auto it = watched.find(monitor);
    if (it == watched.end()) continue;
    const MonitorEvidence& m = it->second;
    json row = {
        {"name", m.name},
        {"system", m.system},
        {"href", m.href()},
        {"current", m.current},
        {"archived", m.archived},
        {"run", nullptr},
        {"interval", m.interval_hours % 24 == 0 ? std::to_string(m.interval_hours / 24) + " days"
                                                : std::to_string(m.interval_hours) + " hours"}};
    if (m.latest) {
      row["run"] = {
          {"href", "/monitoring/runs/" + std::to_string(m.latest->id)},
          {"finished", minute_text(m.latest->finished_at)},
          {"rows", m.latest->rows},
          {"breaches", m.latest->breaches > 0 ? json(m.latest->breaches) : json(nullptr)}};
    }
    rows.push_back(row);
  }
  return web::render("controls/templates/entry_monitors.mustache", {{"monitors", rows}});
}

// ---- readiness --------------------------------------------------------------------------------

const char* source_label(const std::string& source) {
  if (source == "records") return "from records";
  if (source == "soa") return "from the SoA";
  if (source == "manual") return "manual";
  return "not assessed";
}

json link_json(const readiness::Link& l) {
  return l.label.empty() ? json(nullptr) : json{{"label", l.label}, {"href", l.href}};
}

json assessment_json(const Assessment& a) {
  json links = json::array();
  for (const auto& l : a.links)
    links.push_back(link_json(l));
  return {{"id", a.id},
          {"title", a.title},
          {"kind", a.kind},
          {"group", a.group},
          {"status", readiness::key(a.status)},
          {"status_label", readiness::label(a.status)},
          {"reason", a.reason},
          {"source", a.source},
          {"source_label", source_label(a.source)},
          {"reads", a.reads},
          {"links", links},
          {"fix", link_json(a.fix)}};
}

int percent(double v) {
  return static_cast<int>(v * 100 + 0.5);
}

json score_json(const Score& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"met", s.met},
          {"partial", s.partial},
          {"not_met", s.not_met},
          {"not_applicable", s.excluded},
          {"percent", percent(s.value())}};
}

Result<json> readiness_json(const Context& ctx) {
  TRY_ASSIGN(const Readiness r, assess_readiness(ctx.db, ctx.org()));
  json items = json::array(), clauses = json::array(), annex = json::array(),
       coverage = json::array(), stage1 = json::array();
  for (const auto& a : r.items)
    items.push_back(assessment_json(a));
  for (const auto& s : r.clauses)
    clauses.push_back(score_json(s));
  for (const auto& s : r.annex)
    annex.push_back(score_json(s));
  for (const auto& c : r.coverage)
    coverage.push_back({{"framework", c.framework},
                        {"name", c.name},
                        {"own_mapping", c.own_mapping},
                        {"mapped", c.mapped},
                        {"covered", c.covered},
                        {"partly", c.partly},
                        {"percent", percent(c.value())}});
  for (const auto& c : r.stage1)
    stage1.push_back({{"label", c.label},
                      {"requirement", c.requirement},
                      {"status", readiness::key(c.status)},
                      {"status_label", readiness::label(c.status)},
                      {"reason", c.reason},
                      {"fix", link_json(c.fix)}});
  return json{{"overall", score_json(r.overall)},
              {"clauses", clauses},
              {"annex", annex},
              {"coverage", coverage},
              {"stage1", stage1},
              {"items", items}};
}

Result<Response> readiness_api(Context& ctx) {
  TRY_ASSIGN(json body, readiness_json(ctx));
  return http::json_response(200, body);
}

std::string bars_of(const json& scores, const std::string& title) {
  std::vector<web::Bar> bars;
  for (const auto& s : scores)
    bars.push_back({s["id"].get<std::string>() + " " + s["title"].get<std::string>(),
                    s["percent"].get<int>() / 100.0, "#group-" + s["id"].get<std::string>()});
  return web::bar_chart(bars, title);
}

Result<Response> readiness_page(Context& ctx) {
  TRY_ASSIGN(json view, readiness_json(ctx));
  flag_lists(view["items"], {"links", "reads"});
  view["clause_chart"] = bars_of(view["clauses"], "Readiness per clause");
  view["annex_chart"] = bars_of(view["annex"], "Readiness per Annex A group");
  json gaps = json::array(), groups = json::array();
  for (const auto& i : view["items"]) {
    if (i["status"] == "not_met" || i["status"] == "partial") gaps.push_back(i);
    if (groups.empty() || groups.back()["id"] != i["group"])
      groups.push_back({{"id", i["group"]}, {"items", json::array()}});
    groups.back()["items"].push_back(i);
  }
  for (auto& g : groups) {
    for (const auto& s : view["clauses"])
      if (s["id"] == g["id"]) g["title"] = s["title"], g["percent"] = s["percent"];
    for (const auto& s : view["annex"])
      if (s["id"] == g["id"]) g["title"] = s["title"], g["percent"] = s["percent"];
  }
  view["gaps"] = gaps;
  view["gap_count"] = gaps.size();
  view["groups"] = groups;
  return web::page(ctx, 200, {"Readiness", "readiness"}, "controls/templates/readiness.mustache",
                   view);
}

// The gap analysis as a spreadsheet: every requirement and applicable control, its status, why,
// where the status comes from and what to do, for the people who plan the work.
Result<Response> gaps_xlsx(Context& ctx) {
  TRY_ASSIGN(const Readiness r, assess_readiness(ctx.db, ctx.org()));
  report::Sheet gaps{
      "Gap analysis", {"Requirement", "Title", "Status", "Why", "Shown by", "Close it at"}, {}};
  for (const auto& a : r.items) {
    if (a.status == readiness::Status::not_applicable) continue;
    gaps.rows.push_back({a.id, a.title, std::string(readiness::label(a.status)), a.reason,
                         source_label(a.source), a.fix.label});
  }
  report::Sheet scores{"Scores", {"Part", "Title", "Met", "Partially met", "Not met", "Score"}, {}};
  for (const auto* list : {&r.clauses, &r.annex}) {
    for (const auto& s : *list)
      scores.rows.push_back({s.id, s.title, std::to_string(s.met), std::to_string(s.partial),
                             std::to_string(s.not_met), std::to_string(percent(s.value())) + "%"});
  }
  scores.rows.push_back({"", "Overall", std::to_string(r.overall.met),
                         std::to_string(r.overall.partial), std::to_string(r.overall.not_met),
                         std::to_string(percent(r.overall.value())) + "%"});
  TRY_ASSIGN(std::string bytes, report::xlsx({gaps, scores}));
  return Response::download(std::move(bytes),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "gap-analysis-" + ctx.who().org_name + ".xlsx");
}

// The SoA as OSCAL wants it: names, not ids, and the latest approved version. `system` (an AI
// system's id) narrows it to that system; absent, it is the AIMS as a whole.
Result<Implementation> implementation_of(const Context& ctx, std::optional<int64_t> system) {
  TRY_ASSIGN(const auto entries,
             records::list_all(ctx.db, soa_entries(), ctx.org(), {.sort = "position"}));
  TRY_ASSIGN(const auto users, user_names(ctx));
  TRY_ASSIGN(const auto named,
             records::referenced_names(ctx.db, soa_entries(), ctx.org(), entries,
                                       {"system_ids", "evidence_ids", "monitor_ids"}));
  Implementation impl{.organisation = ctx.who().org_name,
                      .system_description = "The AI management system of " + ctx.who().org_name +
                                            " (ISO/IEC 42001)."};
  if (system) {
    const records::Description* systems = records::find("ai_system");
    if (!systems) return Error::not_found("no AI system register");
    TRY_ASSIGN(const auto r, records::get(ctx.db, *systems, ctx.org(), *system));
    impl.system = systems->display_name(r);
    impl.system_description = r.text("purpose");
  }
  TRY_ASSIGN(
      const auto approved,
      records::list(
          ctx.db, soa_versions(), ctx.org(),
          {.filters = {{"state", "approved"}}, .sort = "number", .descending = true, .limit = 1}));
  if (!approved.items.empty()) impl.soa_version = approved.items.front().text("title");
  auto names = [&](const char* type, const records::Ids& ids) {
    std::vector<std::string> out;
    const auto by_type = named.find(type);
    for (int64_t id : ids) {
      if (by_type == named.end()) break;
      if (const auto n = by_type->second.find(id); n != by_type->second.end())
        out.push_back(n->second.name);
    }
    return out;
  };
  auto evidence_and_monitors = [&](const records::Record& e) {
    auto out = names("evidence", e.ids("evidence_ids"));
    for (auto& monitor : names("monitor", e.ids("monitor_ids")))
      out.push_back("Monitor " + monitor);
    return out;
  };
  for (const auto& e : entries) {
    // The plan implements the ISO/IEC 42001 catalog it imports; other frameworks' entries are
    // not its controls.
    if (e.text("framework") != kIso42001) continue;
    const auto owner = e.number("owner_id");
    impl.controls.push_back({.control = e.text("control"),
                             .applicability = e.text("applicability"),
                             .justification = e.text("justification"),
                             .implementation = e.text("implementation"),
                             .owner = owner && users.count(*owner) ? users.at(*owner) : "",
                             .notes = e.text("notes"),
                             .systems = names("ai_system", e.ids("system_ids")),
                             .evidence = evidence_and_monitors(e)});
  }
  return impl;
}

Result<std::optional<int64_t>> system_param(const Context& ctx) {
  const auto text = ctx.query_value("system");
  if (!text || text->empty()) return std::optional<int64_t>{};
  const int64_t id = std::strtoll(text->c_str(), nullptr, 10);
  if (id <= 0) return Error::invalid("system", "system must be an AI system's id");
  return std::optional<int64_t>{id};
}

Result<Response> ssp_api(Context& ctx) {
  TRY_ASSIGN(const auto system, system_param(ctx));
  TRY_ASSIGN(const Implementation impl, implementation_of(ctx, system));
  TRY_ASSIGN(const Framework iso, stored_framework(ctx.db, ctx.org(), std::string(kIso42001)));
  TRY_ASSIGN(const json doc, oscal_ssp(impl, iso, oscal_now()));
  return json_download(
      doc, "ssp-" + (system ? std::to_string(*system) : std::string("aims")) + ".oscal.json");
}

Result<Response> component_api(Context& ctx) {
  TRY_ASSIGN(const auto system, system_param(ctx));
  TRY_ASSIGN(const Implementation impl, implementation_of(ctx, system));
  TRY_ASSIGN(const Framework iso, stored_framework(ctx.db, ctx.org(), std::string(kIso42001)));
  TRY_ASSIGN(const json doc, oscal_component_definition(impl, iso, oscal_now()));
  return json_download(doc, "component-definition.oscal.json");
}

Result<Response> assessment_results_api(Context& ctx) {
  TRY_ASSIGN(const Readiness r, assess_readiness(ctx.db, ctx.org()));
  TRY_ASSIGN(const Framework iso, stored_framework(ctx.db, ctx.org(), std::string(kIso42001)));
  TRY_ASSIGN(const json doc, oscal_assessment_results(r, iso, ctx.who().org_name, oscal_now()));
  return json_download(doc, "readiness.oscal-assessment-results.json");
}

}  // namespace

Result<std::string> system_panel(const Context&, int64_t system_id) {
  return web::render("controls/templates/system_panel.mustache", {{"system_id", system_id}});
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const Readiness r, assess_readiness(ctx.db, ctx.org()));
  const int gaps = r.overall.not_met + r.overall.partial;
  const int value = percent(r.overall.value());
  return std::vector<overview::Headline>{
      {"ISO/IEC 42001 readiness", std::to_string(value) + "%",
       std::to_string(gaps) + (gaps == 1 ? " gap" : " gaps") + " to close, derived from records",
       "/controls/readiness", value >= 80 ? "good" : (value >= 40 ? "warn" : "bad")}};
}

namespace {

// A step whose status a readiness rule already works out.
Result<overview::Step> step_from_rule(const Context& ctx, int order, const char* label,
                                      const char* requirement) {
  overview::Step step{.order = order, .label = label};
  const readiness::Rule* rule = readiness::rule_for(kIso42001, requirement);
  if (!rule) return step;
  TRY_ASSIGN(const readiness::Finding f, rule->assess(ctx.db, ctx.org()));
  step.done = f.status == readiness::Status::met;
  step.note = f.reason;
  step.href = f.fix.href.empty() ? "/controls/readiness" : f.fix.href;
  return step;
}

// The inventory's register, found by its type so this module needs no other module's header.
Result<overview::Step> inventory_step(const Context& ctx, int order, bool classification) {
  const records::Description* systems = records::find("ai_system");
  overview::Step step{.order = order,
                      .label = classification ? "Classify every AI system under the EU AI Act"
                                              : "Record your AI systems",
                      .href = "/inventory/systems"};
  if (!systems) return step;
  records::Query q{.limit = 1};
  if (classification) q.filters = {{"eu_ai_act_class", "not_assessed"}};
  TRY_ASSIGN(const auto page, records::list(ctx.db, *systems, ctx.org(), q));
  TRY_ASSIGN(const auto all, records::list(ctx.db, *systems, ctx.org(), {.limit = 1}));
  if (classification) {
    step.done = all.total > 0 && page.total == 0;
    step.note = page.total == 0 ? "" : std::to_string(page.total) + " not yet classified";
  } else {
    step.done = page.total > 0;
    step.note = std::to_string(page.total) + " in the inventory";
  }
  return step;
}

}  // namespace

Result<std::vector<overview::Step>> getting_started(const Context& ctx) {
  std::vector<overview::Step> steps;
  TRY_ASSIGN(auto scope, step_from_rule(ctx, 10, "Write the AIMS scope", "4.3"));
  steps.push_back(std::move(scope));
  TRY_ASSIGN(auto inventory, inventory_step(ctx, 20, false));
  steps.push_back(std::move(inventory));
  TRY_ASSIGN(auto classified, inventory_step(ctx, 30, true));
  steps.push_back(std::move(classified));
  TRY_ASSIGN(auto soa,
             step_from_rule(ctx, 50, "Decide and approve the Statement of Applicability", "6.1.3"));
  steps.push_back(std::move(soa));
  TRY_ASSIGN(auto monitors,
             step_from_rule(ctx, 60, "Monitor every AI system in operation", "A.6.2.6"));
  steps.push_back(std::move(monitors));
  TRY_ASSIGN(auto policy, step_from_rule(ctx, 70, "Approve and publish the AI policy", "5.2"));
  steps.push_back(std::move(policy));
  return steps;
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, soa_entries(), {{entry_monitor_panel}});
  records::register_routes(router, evidence());
  records::register_routes(router, soa_versions(), {{version_panel}});
  records::register_routes(router, assessments());
  web::add_nav_entry({"Governance", 20, "readiness", "Readiness", "/controls/readiness", 5});
  web::add_nav_entry({"Governance", 20, "soa", "Statement of Applicability", "/controls/soa", 20});
  web::add_nav_entry({"Governance", 20, "frameworks", "Frameworks", "/controls/frameworks", 50});
  using auth::Action;
  router.api("GET", "/api/v1/frameworks", Action::read, frameworks_api);
  router.api("GET", "/api/v1/frameworks/{key}", Action::read, framework_api);
  router.api("GET", "/api/v1/framework-mappings", Action::read, mappings_api);
  router.api("GET", "/api/v1/frameworks/{key}/oscal", Action::read, framework_oscal_api);
  router.api("GET", "/api/v1/framework-mappings/{key}/oscal", Action::read, mapping_oscal_api);
  // Published catalogs such as NIST SP 800-53 run to megabytes.
  const http::BodyLimit catalog_upload{32 << 20, true};
  router.api("POST", "/api/v1/frameworks", Action::manage_org, import_api, catalog_upload);
  router.page("POST", "/controls/frameworks/import", Action::manage_org, import_submit,
              catalog_upload);
  router.api("PUT", "/api/v1/frameworks/{key}/items/{item}/links", Action::manage_org,
             item_links_api);
  router.page("POST", "/controls/frameworks/{key}/links", Action::manage_org, add_link_submit);
  router.page("POST", "/controls/frameworks/{key}/links/remove", Action::manage_org,
              remove_link_submit);
  router.api("GET", "/api/v1/soa", Action::read, soa_api);
  router.api("POST", "/api/v1/soa/start", Action::edit_records, start_api);
  router.api("GET", "/api/v1/soa/compare", Action::read, compare_api);
  router.api("GET", "/api/v1/soa-versions/{id}/entries", Action::read, version_entries_api);
  router.api("GET", "/api/v1/soa-versions/{id}/export.xlsx", Action::read, version_xlsx);
  router.api("GET", "/api/v1/soa-versions/{id}/export.csv", Action::read, version_csv);
  router.page("GET", "/controls/soa/versions/{id}/print", Action::read, version_print_page);
  router.api("GET", "/api/v1/readiness", Action::read, readiness_api);
  router.api("GET", "/api/v1/oscal/system-security-plan", Action::read, ssp_api);
  router.api("GET", "/api/v1/oscal/component-definition", Action::read, component_api);
  router.api("GET", "/api/v1/oscal/assessment-results", Action::read, assessment_results_api);
  router.api("GET", "/api/v1/readiness/gaps.xlsx", Action::read, gaps_xlsx);
  router.page("GET", "/controls/readiness", Action::read, readiness_page);
  router.page("GET", "/controls/frameworks", Action::read, frameworks_page);
  router.page("GET", "/controls/frameworks/{key}", Action::read, framework_page);
  router.page("GET", "/controls/soa", Action::read, soa_page);
  router.page("POST", "/controls/soa/start", Action::edit_records, start_submit);
  router.page("GET", "/controls/soa/compare", Action::read, compare_page);
}

}  // namespace aims::controls
