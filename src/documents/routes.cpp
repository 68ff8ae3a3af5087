// The documents module's pages and API beyond what the records platform serves for the register:
// the panel on a document's page (the AI policy's commitments, the acknowledgements of the version
// in force), acknowledging it, the templates to start from, the printable page with its approval
// record, and the documents each person must acknowledge on My work.
#include "documents/routes.h"

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "base/time.h"
#include "documents/documents.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "trail/trail.h"
#include "web/markdown.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::documents {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr const char* kPages = "/governance/documents";

using records::caller_of;

std::string page_of(int64_t id) {
  return std::string(kPages) + "/" + std::to_string(id);
}

std::string day(const std::string& timestamp) {
  return timestamp.substr(0, 10);
}

// ---- acknowledgements -------------------------------------------------------------------------

json acknowledgement_json(const Acknowledgement& a) {
  return {{"user_id", a.user_id},
          {"name", a.name},
          {"requested_at", a.requested_at},
          {"acknowledged_at", a.acknowledged_at.empty() ? json() : json(a.acknowledged_at)}};
}

json round_json(const AcknowledgementRound& round) {
  json people = json::array();
  for (const auto& a : round.people)
    people.push_back(acknowledgement_json(a));
  return {{"version", round.version},
          {"acknowledged", round.acknowledged()},
          {"total", round.people.size()},
          {"people", people}};
}

Result<Response> acknowledgements_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto round, acknowledgements(ctx.db, ctx.org(), id));
  return http::json_response(200, round_json(round));
}

Result<Response> acknowledge_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const int64_t version = in.optional_int("version", 1, INT64_MAX).value_or(0);
  TRY(in.finish());
  TRY_ASSIGN(const auto done, acknowledge(ctx.db, ctx.org(), id, version, caller_of(ctx)));
  return http::json_response(200, acknowledgement_json(done));
}

// A refusal (not in the audience, a version no longer in force) shows as an error page naming
// why: the button is offered only to those it is open to, so this is a stale page or a crafted
// post.
Result<Response> acknowledge_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  TRY(acknowledge(ctx.db, ctx.org(), id, version, caller_of(ctx)));
  return Response::redirect(page_of(id) + "#acknowledgements");
}

json people_view(const AcknowledgementRound& round, bool acknowledged) {
  json out = json::array();
  for (const auto& a : round.people) {
    if (a.acknowledged_at.empty() == acknowledged) continue;
    out.push_back(
        {{"name", a.name}, {"at", acknowledged ? day(a.acknowledged_at) : day(a.requested_at)}});
  }
  return out;
}

json commitments_view(const records::Record& d) {
  json out = json::array();
  for (const auto& c : check_commitments(d))
    out.push_back({{"label", c.commitment->label},
                   {"heading", c.heading},
                   {"found", c.found},
                   {"missing", !c.heading.empty() && !c.found}});
  return out;
}

Result<std::string> document_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto d, records::get(ctx.db, documents(), ctx.org(), id));
  TRY_ASSIGN(const auto round, acknowledgements(ctx.db, ctx.org(), id));
  bool mine_open = false;
  for (const auto& a : round.people)
    mine_open |= a.user_id == ctx.who().user_id && a.acknowledged_at.empty();
  const bool policy = d.text("document_type") == "ai_policy";
  return web::render("documents/templates/panel.mustache",
                     {{"id", id},
                      {"csrf", ctx.who().csrf_token},
                      {"policy", policy},
                      {"commitments", policy ? commitments_view(d) : json::array()},
                      {"in_force", round.version > 0},
                      {"version", round.version},
                      {"acknowledged", round.acknowledged()},
                      {"total", round.people.size()},
                      {"asks_anyone", !round.people.empty()},
                      {"done", people_view(round, true)},
                      {"pending", people_view(round, false)},
                      {"mine_open", mine_open},
                      {"version_href", page_of(id) + "/versions/" + std::to_string(round.version)},
                      {"print_href", page_of(id) + "/print"}});
}

Result<std::vector<records::WorkItem>> to_acknowledge(const Context& ctx) {
  std::vector<records::WorkItem> out;
  if (!ctx.who().user_id) return out;
  TRY_ASSIGN(const auto awaited, awaiting_acknowledgement(ctx.db, ctx.org(), ctx.who().user_id));
  for (const auto& a : awaited)
    out.push_back({a.title, page_of(a.document_id) + "#acknowledgements",
                   "version " + std::to_string(a.version) + ", asked on " + day(a.requested_at)});
  return out;
}

// ---- templates --------------------------------------------------------------------------------

json template_json(const DocumentTemplate& t) {
  json commitments = json::object();
  for (const auto& [field, heading] : t.commitments)
    commitments[field] = heading;
  return {{"key", t.key},
          {"title", t.title},
          {"document_type", t.document_type},
          {"document_type_label", documents().choice_label("document_type", t.document_type)},
          {"summary", t.summary},
          {"review_interval_months", t.review_interval_months},
          {"commitments", commitments},
          {"body", t.body}};
}

Result<Response> templates_api(Context&) {
  json items = json::array();
  for (const auto& t : document_templates())
    items.push_back(template_json(t));
  return http::json_list(items, std::nullopt);
}

Result<Response> use_template_api(Context& ctx) {
  const std::string key = ctx.params.at(0).second;
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const std::string title = in.optional_string("title", 200).value_or("");
  const auto owner = in.optional_int("owner_id", 1, INT64_MAX);
  TRY(in.finish());
  TRY_ASSIGN(const auto r, create_from_template(ctx.db, ctx.org(), key, title,
                                                owner.value_or(ctx.who().user_id), caller_of(ctx)));
  return http::json_record(201, records::to_json(documents(), r), r.version);
}

Result<json> templates_view(const Context& ctx) {
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  json owners = json::array(), items = json::array();
  for (const auto& u : users)
    if (u.status == "active")
      owners.push_back({{"id", u.id}, {"name", u.name}, {"me", u.id == ctx.who().user_id}});
  for (const auto& t : document_templates()) {
    json item = template_json(t);
    item["html"] = web::markdown_html(t.body);
    items.push_back(item);
  }
  return json{{"items", items}, {"owners", owners}, {"count", items.size()}, {"form_error", ""}};
}

Result<Response> templates_page(Context& ctx) {
  TRY_ASSIGN(json view, templates_view(ctx));
  return web::page(ctx, 200, {"Document templates", "document-templates"},
                   "documents/templates/templates.mustache", view);
}

// The first problem is enough here: a template's draft fails only on its title or its owner.
std::string error_text(const Error& e) {
  return e.field.empty() ? e.message : e.field + ": " + e.message;
}

Result<Response> use_template_submit(Context& ctx) {
  const std::string key = ctx.params.at(0).second;
  const int64_t owner = std::strtoll(ctx.form_value("owner_id").value_or("0").c_str(), nullptr, 10);
  auto created = create_from_template(ctx.db, ctx.org(), key, ctx.form_value("title").value_or(""),
                                      owner, caller_of(ctx));
  if (!created) {
    if (created.error().code == ErrorCode::not_found) return created.error();
    TRY_ASSIGN(json view, templates_view(ctx));
    view["form_error"] = error_text(created.error());
    return web::page(ctx, http::status_for(created.error().code),
                     {"Document templates", "document-templates"},
                     "documents/templates/templates.mustache", view);
  }
  return Response::redirect(page_of(created->id) + "?notice=created");
}

// ---- printable page ---------------------------------------------------------------------------

std::string name_of(const Context& ctx, std::optional<int64_t> id) {
  if (!id) return "";
  auto user = auth::get_user(ctx.db, ctx.org(), *id);
  return user ? user->name : "";
}

// The change summary given when the version was submitted: the workflow keeps it in the audit
// trail, with the submission.
Result<std::string> change_summary(const Context& ctx, int64_t id, const std::string& frozen_at) {
  trail::Filter f;
  f.entity_type = "document";
  f.entity_id = id;
  f.to = frozen_at;
  TRY_ASSIGN(const auto events,
             ctx.db.read([&](store::Tx& tx) { return trail::list(tx, ctx.org(), f); }));
  for (const auto& e : events) {
    if (e.action != "transition") continue;
    const json changes = json::parse(e.changes, nullptr, false);
    if (!changes.is_object()) continue;
    if (changes.value("/transition/after"_json_pointer, "") != "submit") continue;
    return changes.value("/reason/after"_json_pointer, "");
  }
  return std::string();
}

// The version in force as approved (its frozen text and approval), or the record as it is before
// any approval, marked as a draft.
Result<Response> print_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto current, records::get(ctx.db, documents(), ctx.org(), id));
  TRY_ASSIGN(const auto round, acknowledgements(ctx.db, ctx.org(), id));
  records::Record shown = current;
  json approval = nullptr;
  if (current.frozen > 0) {
    TRY_ASSIGN(const auto v, records::version(ctx.db, documents(), ctx.org(), id, current.frozen));
    shown = v.snapshot;
    TRY_ASSIGN(const std::string summary, change_summary(ctx, id, v.frozen_at));
    const std::string approver = name_of(ctx, shown.number("approver_id"));
    approval = {{"by", approver.empty() ? v.frozen_by : approver},
                {"at", minute_text(v.frozen_at)},
                {"summary", summary},
                {"note", v.reason}};
  }
  TRY_ASSIGN(const auto all, records::versions(ctx.db, documents(), ctx.org(), current));
  json history = json::array();
  for (const auto& v : all)
    history.push_back({{"number", v.number}, {"at", day(v.frozen_at)}, {"by", v.frozen_by}});
  const records::State* state = documents().state(current.state);
  json view = {
      {"id", id},
      {"title", shown.text("title")},
      {"organisation", ctx.who().org_name},
      {"type", documents().choice_label("document_type", shown.text("document_type"))},
      {"classification", documents().choice_label("classification", shown.text("classification"))},
      {"version", current.frozen},
      {"approved", current.frozen > 0},
      {"state", state ? state->label : current.state},
      {"effective_date", shown.text("effective_date")},
      {"next_review", shown.text("next_review")},
      {"retention", shown.text("retention")},
      {"owner", name_of(ctx, shown.number("owner_id"))},
      {"author", name_of(ctx, current.created_by)},
      {"approval", approval},
      {"versions", history},
      {"in_force", round.version > 0},
      {"acknowledged", round.acknowledged()},
      {"total", round.people.size()},
      {"html", web::markdown_html(shown.text("body"))}};
  return web::page(ctx, 200, {shown.text("title") + ": printable", "documents"},
                   "documents/templates/print.mustache", view);
}

}  // namespace

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, documents(), {.panels = {document_panel}});
  records::add_work_section({"to_acknowledge", "Documents to acknowledge",
                             "No document is waiting for your acknowledgement.", to_acknowledge});
  web::add_nav_entry({"Governance", 20, "document-templates", "Document templates",
                      "/governance/documents/templates", 12});
  using auth::Action;
  router.api("GET", "/api/v1/documents/{id}/acknowledgements", Action::read, acknowledgements_api);
  router.api("POST", "/api/v1/documents/{id}/acknowledgements", Action::read, acknowledge_api);
  router.api("GET", "/api/v1/document-templates", Action::read, templates_api);
  router.api("POST", "/api/v1/document-templates/{key}/use", Action::edit_records,
             use_template_api);
  router.page("POST", "/governance/documents/{id}/acknowledgements", Action::read,
              acknowledge_submit);
  router.page("GET", "/governance/documents/templates", Action::read, templates_page);
  router.page("POST", "/governance/documents/templates/{key}/use", Action::edit_records,
              use_template_submit);
  router.page("GET", "/governance/documents/{id}/print", Action::read, print_page);
}

}  // namespace aims::documents
