// The supplier and incident pages' due-diligence panels; the registers' own pages and API come from
// the records platform. The panels are hand-written because each summarises records of several
// registers (assessments, evaluations, exit plans, incidents) on another register's page.
#include "suppliers/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "improvement/improvement.h"
#include "records/routes/routes.h"
#include "suppliers/suppliers.h"
#include "web/web.h"

namespace aims::suppliers {
namespace {

using nlohmann::json;
using records::Record;

std::string page_of(const records::Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

Result<std::vector<Record>> of_supplier(const http::Context& ctx, const records::Description& d,
                                        int64_t supplier) {
  return records::list_all(ctx.db, d, ctx.org(),
                           {.filters = {{"supplier_id", std::to_string(supplier)}}});
}

const Record* latest(const std::vector<Record>& all, const char* key) {
  const Record* best = nullptr;
  for (const auto& r : all)
    if (!best || r.text(key) > best->text(key)) best = &r;
  return best;
}

json link(const records::Description& d, const Record& r) {
  return {{"name", d.display_name(r)}, {"href", page_of(d, r.id)}};
}

json assessment_json(const Record& a) {
  const auto& d = assessments();
  json out = link(d, a);
  out["state"] = d.state(a.state) ? d.state(a.state)->label : a.state;
  out["rating"] = a.is_set("rating") ? d.choice_label("rating", a.text("rating")) : "not rated";
  out["rating_value"] = a.text("rating");
  out["total"] = a.number("total_score").value_or(0);
  out["next_review"] = a.text("next_review_due");
  out["conditions_open"] = a.state == "approved_with_conditions";
  out["conditions"] = a.text("conditions");
  out["conditions_due"] = a.text("conditions_due");
  return out;
}

json evaluation_json(const Record& e) {
  const auto& d = evaluations();
  json out = link(d, e);
  out["period"] = e.text("period_from") + " to " + e.text("period_to");
  out["outcome"] = d.choice_label("outcome", e.text("outcome"));
  out["tone"] = e.text("outcome") == "meets" ? "ok" : e.text("outcome") == "fails" ? "bad" : "warn";
  out["next_due"] = e.text("next_due");
  return out;
}

json plan_json(const Record& p) {
  const auto& d = exit_plans();
  json out = link(d, p);
  out["fallback"] = d.choice_label("fallback_kind", p.text("fallback_kind"));
  out["tested"] = p.is_set("last_tested_on");
  out["tested_on"] = p.text("last_tested_on");
  out["outcome"] = d.choice_label("test_outcome", p.text("test_outcome"));
  out["next_test"] = p.text("next_test_due");
  return out;
}

}  // namespace

Result<std::string> supplier_panel(const http::Context& ctx, int64_t supplier_id) {
  TRY_ASSIGN(const auto all_assessments, of_supplier(ctx, assessments(), supplier_id));
  TRY_ASSIGN(const auto all_evaluations, of_supplier(ctx, evaluations(), supplier_id));
  TRY_ASSIGN(const auto all_plans, of_supplier(ctx, exit_plans(), supplier_id));
  json view = {{"supplier_id", supplier_id},
               {"assessments_path", assessments().page_path},
               {"evaluations_path", evaluations().page_path},
               {"plans_path", exit_plans().page_path},
               {"late", json::array()}};
  if (const Record* a = latest(all_assessments, "assessed_on"))
    view["assessment"] = assessment_json(*a);
  if (const Record* e = latest(all_evaluations, "period_to"))
    view["evaluation"] = evaluation_json(*e);
  if (const Record* p = latest(all_plans, "last_tested_on")) view["plan"] = plan_json(*p);
  const records::Description* incidents = records::find("incident");
  if (incidents) {
    TRY_ASSIGN(const auto named, of_supplier(ctx, *incidents, supplier_id));
    const std::string now = now_timestamp();
    for (const auto& i : named)
      if (improvement::supplier_notice_late(i, now)) view["late"].push_back(link(*incidents, i));
  }
  view["any_late"] = !view["late"].empty();
  return web::render("suppliers/templates/supplier_panel.mustache", view);
}

Result<std::string> incident_notice_banner(const http::Context& ctx, int64_t incident_id) {
  const records::Description* incidents = records::find("incident");
  if (!incidents) return std::string();
  TRY_ASSIGN(const Record incident, records::get(ctx.db, *incidents, ctx.org(), incident_id));
  if (!improvement::supplier_notice_late(incident, now_timestamp())) return std::string();
  return web::render("suppliers/templates/notice_banner.mustache",
                     {{"deadline", minute_text(*improvement::supplier_notice_deadline(incident))},
                      {"hours", improvement::kSupplierNoticeHours}});
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, assessments());
  records::register_routes(router, evaluations());
  records::register_routes(router, exit_plans());
}

}  // namespace aims::suppliers
