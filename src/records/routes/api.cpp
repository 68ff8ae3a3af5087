// JSON routes of every register: one set of handlers, parameterised by the description.
#include <fstream>
#include <sstream>

#include "http/json_io.h"
#include "http/paging.h"
#include "http/upload_store.h"
#include "records/exchange.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "records/routes/routes_internal.h"
#include "records/routes/views.h"
#include "records/rules.h"
#include "records/search.h"

namespace aims::records {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr size_t kReadLimit = 200'000;  // the rules apply each field's own limit afterwards

// The fields present in a JSON body (all of them optional here; the rules decide).
Record from_input(const Description& d, http::JsonInput& in) {
  Record r;
  for (const auto& f : d.fields) {
    if (!in.has(f.key)) continue;
    if (f.read_only || f.computed) {
      in.reject(f.key, std::string(f.label) + " is set by aims, not entered");
      (void)in.optional_string(f.key);  // marks it read; the rejection above is what is said
      continue;
    }
    if (in.is_null(f.key)) {
      (void)in.optional_string(f.key);  // marks it read
      r.values[f.key] = std::monostate{};
      continue;
    }
    switch (f.type) {
      case FieldType::flag:
        if (auto b = in.optional_bool(f.key)) r.values[f.key] = *b;
        break;
      case FieldType::integer:
      case FieldType::score:
      case FieldType::user_ref:
        if (auto n = in.optional_int(f.key, INT64_MIN, INT64_MAX)) r.values[f.key] = *n;
        break;
      case FieldType::decimal:
        if (auto x = in.optional_number(f.key, -1e300, 1e300)) r.values[f.key] = *x;
        break;
      case FieldType::record_ref:
        if (f.many) {
          if (auto ids = in.optional_id_list(f.key, rules::kReferenceLimit)) r.values[f.key] = *ids;
        } else if (auto n = in.optional_int(f.key, INT64_MIN, INT64_MAX)) {
          r.values[f.key] = *n;
        }
        break;
      case FieldType::text_list:
        if (auto l = in.optional_string_list(f.key, rules::kListItems * 2, kReadLimit)) {
          r.values[f.key] = *l;
        }
        break;
      default:
        if (auto s = in.optional_string(f.key, kReadLimit)) r.values[f.key] = *s;
    }
  }
  return r;
}

json record_json(const Description& d, const Record& r) {
  return to_json(d, r);
}

Result<Response> list_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const Query query, views::read_query(ctx, d));
  TRY_ASSIGN(const Page page, list(ctx.db, d, ctx.org(), query));
  json items = json::array();
  for (const auto& r : page.items)
    items.push_back(record_json(d, r));
  return http::json_response(
      200, {{"items", items},
            {"next_cursor",
             page.next_cursor ? json(http::encode_cursor(*page.next_cursor)) : json(nullptr)},
            {"total", page.total},
            {"total_is_exact", page.total_exact}});
}

Result<Response> create_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const Record input = from_input(d, in);
  TRY(in.finish());
  TRY_ASSIGN(const Record created, create(ctx.db, d, ctx.org(), input, caller_of(ctx)));
  Response r = http::json_record(201, record_json(d, created), created.version);
  r.with_header("Location", std::string(d.api_path) + "/" + std::to_string(created.id));
  return r;
}

Result<Response> get_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record r, get(ctx.db, d, ctx.org(), id));
  return http::json_record(200, record_json(d, r), r.version);
}

Result<Response> update_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const Record changes = from_input(d, in);
  TRY(in.finish());
  TRY_ASSIGN(const Record updated,
             update(ctx.db, d, ctx.org(), id, changes, version, caller_of(ctx)));
  return http::json_record(200, record_json(d, updated), updated.version);
}

Result<Response> archive_api(Context& ctx, const Description& d, bool archiving) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record r, archiving ? archive(ctx.db, d, ctx.org(), id, caller_of(ctx))
                                       : restore(ctx.db, d, ctx.org(), id, caller_of(ctx)));
  return http::json_record(200, record_json(d, r), r.version);
}

Result<Response> export_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const Query query, views::read_query(ctx, d));
  const std::string format = ctx.query_value("format").value_or("csv");
  const std::string base = std::string(d.table) + "-" + ctx.who().org_name;
  if (format == "csv") {
    TRY_ASSIGN(std::string text, export_csv(ctx.db, d, ctx.org(), query));
    return Response::download(std::move(text), "text/csv; charset=utf-8", base + ".csv");
  }
  if (format == "xlsx") {
    TRY_ASSIGN(std::string bytes, export_xlsx(ctx.db, d, ctx.org(), query));
    return Response::download(std::move(bytes),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              base + ".xlsx");
  }
  return Error::invalid("format", "format must be csv or xlsx");
}

Result<Response> import_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const std::string text, read_import_text(ctx));
  const auto dry = ctx.query_value("dry_run").value_or("false");
  if (dry != "true" && dry != "false")
    return Error::invalid("dry_run", "dry_run must be true or false");
  TRY_ASSIGN(const ImportReport report,
             import_csv(ctx.db, d, ctx.org(), text, dry == "true", caller_of(ctx)));
  json body = {{"report", report_json(report)}};
  if (report.error_count > 0) {
    const auto& first = report.errors.front();
    body["error"] = {{"code", "invalid_argument"},
                     {"message", std::to_string(report.error_count) +
                                     " problem(s) in the file; nothing was imported. Row " +
                                     std::to_string(first.row) + ": " + first.message},
                     {"field", first.column}};
    return http::json_response(422, body);
  }
  return http::json_response(report.committed ? 201 : 200, body);
}

Result<Response> transition_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  TransitionRequest request;
  request.name = in.required_string("transition", 100);
  request.reason = in.optional_string("reason", rules::kLongTextLimit).value_or("");
  if (auto values = in.optional_object_text("values")) {
    auto inner = http::JsonInput::parse(*values);
    if (!inner) {
      in.reject("values", inner.error().message);
    } else {
      request.values = from_input(d, *inner);
      if (Status s = inner->finish(); !s) in.reject("values." + s.error().field, s.error().message);
    }
  }
  TRY(in.finish());
  request.expected_version = version;
  TRY_ASSIGN(const TransitionOutcome outcome,
             transition(ctx.db, d, ctx.org(), id, request, caller_of(ctx)));
  return http::json_record(200,
                           {{"record", record_json(d, outcome.record)},
                            {"moved", outcome.moved},
                            {"approvals_given", outcome.approvals_given},
                            {"approvals_needed", outcome.approvals_needed}},
                           outcome.record.version);
}

Result<Response> workflow_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record r, get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(const WorkflowView w, workflow_view(ctx.db, d, ctx.org(), r, caller_of(ctx)));
  json open = json::array(), closed = json::array(), approvals = json::array();
  for (const Transition* t : w.open) {
    open.push_back({{"transition", t->name},
                    {"label", t->label},
                    {"to", t->to},
                    {"reason_required", t->reason_required},
                    {"approvals_needed", t->approvals}});
  }
  for (const auto& [t, why] : w.closed) {
    closed.push_back({{"transition", t->name}, {"label", t->label}, {"why", why}});
  }
  for (const auto& a : w.approvals) {
    approvals.push_back({{"transition", a.transition},
                         {"user_id", a.user_id},
                         {"user", a.user_label},
                         {"reason", a.reason},
                         {"at", a.at}});
  }
  return http::json_record(200,
                           {{"state", r.state},
                            {"since", w.since},
                            {"open", open},
                            {"closed", closed},
                            {"approvals", approvals}},
                           r.version);
}

json version_json(const Description& d, const Version& v, bool with_snapshot) {
  json out = {{"number", v.number},
              {"frozen_at", v.frozen_at},
              {"frozen_by", v.frozen_by},
              {"reason", v.reason}};
  if (with_snapshot) out["record"] = record_json(d, v.snapshot);
  return out;
}

Result<Response> versions_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto all, versions(ctx.db, d, ctx.org(), id));
  json items = json::array();
  for (const auto& v : all)
    items.push_back(version_json(d, v, false));
  return http::json_list(items, std::nullopt);
}

Result<int64_t> version_number(const Context& ctx, const std::string& name, bool zero_means_now) {
  const std::string text = name == "number" ? [&] {
    for (const auto& [k, v] : ctx.params) {
      if (k == "number") return v;
    }
    return std::string();
  }()
                                            : ctx.query_value(name).value_or("");
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < (zero_means_now ? 0 : 1)) {
    return Error::invalid(name, name + " must be a version number");
  }
  return static_cast<int64_t>(n);
}

Result<Response> version_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t number, version_number(ctx, "number", false));
  TRY_ASSIGN(const Version v, version(ctx.db, d, ctx.org(), id, number));
  return http::json_response(200, version_json(d, v, true));
}

Result<Response> compare_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t from, version_number(ctx, "from", false));
  TRY_ASSIGN(const int64_t to, version_number(ctx, "to", true));
  TRY_ASSIGN(const auto changes, compare(ctx.db, d, ctx.org(), id, from, to));
  json items = json::array();
  for (const auto& c : changes) {
    json lines = json::array();
    for (const auto& l : c.lines)
      lines.push_back({{"change", std::string(1, l.kind)}, {"text", l.text}});
    items.push_back({{"field", c.key},
                     {"label", c.label},
                     {"before", c.before},
                     {"after", c.after},
                     {"lines", lines}});
  }
  return http::json_response(200, {{"from", from}, {"to", to}, {"changes", items}});
}

Result<Response> referrers_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(const auto referrers, referred_by(ctx.db, ctx.org(), d, id));
  json items = json::array();
  for (const auto& r : referrers) {
    items.push_back({{"type", r.from->type},
                     {"id", r.id},
                     {"name", r.name},
                     {"field", r.field_label},
                     {"archived", r.archived}});
  }
  return http::json_list(items, std::nullopt);
}

Result<Response> search_api(Context& ctx) {
  const std::string q = ctx.query_value("q").value_or("");
  if (q.size() > 200) return Error::invalid("q", "the search must be at most 200 characters");
  TRY_ASSIGN(const auto hits, search::everywhere(ctx.db, ctx.org(), q, 50));
  json items = json::array();
  for (const auto& h : hits) {
    items.push_back({{"type", h.register_->type},
                     {"register", h.register_->plural},
                     {"id", h.id},
                     {"title", h.title},
                     {"archived", h.archived},
                     {"href", views::record_href(*h.register_, h.id)}});
  }
  return http::json_list(items, std::nullopt);
}

}  // namespace

void register_api(http::Router& r, const Description& d) {
  using auth::Action;
  const std::string base = d.api_path;
  const http::BodyLimit upload{20 << 20, true};
  const Description* p = &d;
  r.api("GET", base, Action::read, [p](Context& c) { return list_api(c, *p); });
  r.api("POST", base, d.edit, [p](Context& c) { return create_api(c, *p); });
  r.api("GET", base + "/export", Action::read, [p](Context& c) { return export_api(c, *p); });
  r.api(
      "POST", base + "/import", d.edit, [p](Context& c) { return import_api(c, *p); }, upload);
  r.api("GET", base + "/{id}", Action::read, [p](Context& c) { return get_api(c, *p); });
  r.api("PATCH", base + "/{id}", d.edit, [p](Context& c) { return update_api(c, *p); });
  r.api("POST", base + "/{id}/archive", d.archive,
        [p](Context& c) { return archive_api(c, *p, true); });
  r.api("POST", base + "/{id}/restore", d.archive,
        [p](Context& c) { return archive_api(c, *p, false); });
  r.api("GET", base + "/{id}/referrers", Action::read,
        [p](Context& c) { return referrers_api(c, *p); });
  register_attachment_api(r, d);
  if (d.workflow) {
    // Each step names its own permission; the platform checks it with separation of duties.
    r.api("POST", base + "/{id}/transitions", Action::read,
          [p](Context& c) { return transition_api(c, *p); });
    r.api("GET", base + "/{id}/workflow", Action::read,
          [p](Context& c) { return workflow_api(c, *p); });
  }
  if (d.versioned) {
    r.api("GET", base + "/{id}/versions", Action::read,
          [p](Context& c) { return versions_api(c, *p); });
    r.api("GET", base + "/{id}/versions/compare", Action::read,
          [p](Context& c) { return compare_api(c, *p); });
    r.api("GET", base + "/{id}/versions/{number}", Action::read,
          [p](Context& c) { return version_api(c, *p); });
  }
}

void register_search_api(http::Router& r) {
  r.api("GET", "/api/v1/search", auth::Action::read, search_api);
}

}  // namespace aims::records
