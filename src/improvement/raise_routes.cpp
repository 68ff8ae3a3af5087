// Raising a nonconformity from an incident: the panel on the incident's page (the button, or the
// nonconformity already raised), the form's POST and POST /api/v1/incidents/{id}/nonconformity.
// Hand-written because it writes two registers' link in one step the generic pages do not offer:
// a nonconformity prefilled from the incident, refused a second time.
#include <nlohmann/json.hpp>

#include "http/json_io.h"
#include "improvement/improvement.h"
#include "improvement/routes.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::improvement {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string nc_href(int64_t id) {
  return std::string(nonconformities().page_path) + "/" + std::to_string(id);
}

Result<RaiseInput> raise_input_from_api(const Context& ctx) {
  RaiseInput input;
  if (ctx.request.body.empty()) return input;
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  input.title = in.optional_string("title", 200).value_or("");
  input.description = in.optional_string("description").value_or("");
  input.grade = in.optional_string("grade", 20).value_or("");
  TRY(in.finish());
  return input;
}

Result<Response> raise_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const RaiseInput input, raise_input_from_api(ctx));
  TRY_ASSIGN(const records::Record nc,
             raise_from_incident(ctx.db, ctx.org(), id, input, caller_of(ctx)));
  Response r = http::json_record(201, records::to_json(nonconformities(), nc), nc.version);
  r.with_header("Location", std::string(nonconformities().api_path) + "/" + std::to_string(nc.id));
  return r;
}

Result<Response> raise_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  RaiseInput input;
  input.grade = ctx.form_value("grade").value_or("");
  TRY_ASSIGN(const records::Record nc,
             raise_from_incident(ctx.db, ctx.org(), id, input, caller_of(ctx)));
  return Response::redirect(nc_href(nc.id) + "?notice=created");
}

// The incident's nonconformity, or the form that raises one for those who may.
Result<std::string> incident_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto raised, raised_from_incident(ctx.db, ctx.org(), id));
  json view = {{"incident_id", id},
               {"csrf", ctx.who().csrf_token},
               {"can_raise", !raised && ctx.can(nonconformities().edit)}};
  if (raised)
    view["raised"] = {{"title", raised->text("title")},
                      {"href", nc_href(raised->id)},
                      {"state", nonconformities().state(raised->state)->label},
                      {"grade", raised->text("grade")}};
  return web::render("improvement/templates/incident_panel.mustache", view);
}

}  // namespace

void register_raise_routes(http::Router& router) {
  router.api("POST", "/api/v1/incidents/{id}/nonconformity", nonconformities().edit, raise_api);
  router.page("POST", "/improvement/incidents/{id}/nonconformity", nonconformities().edit,
              raise_submit);
}

records::RecordPanel incident_nonconformity_panel() {
  return incident_panel;
}

}  // namespace aims::improvement
