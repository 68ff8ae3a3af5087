// The technical file assembled from the records that prove an AI system's design and development,
// one function per section, each saying whether it is complete and why not.
#include <algorithm>
#include <cstdio>
#include <set>

#include "base/time.h"
#include "data/data.h"
#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "monitoring/monitoring.h"
#include "risk/risk.h"
#include "technical_file/technical_file.h"

namespace aims::technical_file {
namespace {

using records::Record;

// What every section reads: the system, the models the file covers, and the transaction.
struct Sources {
  const records::WriteContext& ctx;
  const Record& system;
  std::vector<Record> models;
  const Authored& authored;
};

std::string value_of(const records::Description& d, const Record& r, const std::string& key) {
  if (!r.is_set(key)) return "not stated";
  const auto* f = d.field(key);
  if (f && f->type == records::FieldType::choice) return d.choice_label(key, r.text(key));
  if (f && f->type == records::FieldType::flag) return r.flag(key) ? "yes" : "no";
  return r.text(key);
}

// "- **Label:** value" for each key.
std::string facts(const records::Description& d, const Record& r,
                  const std::vector<const char*>& keys) {
  std::string out;
  for (const char* key : keys) {
    const auto* f = d.field(key);
    out += "- **" + std::string(f ? f->label : key) + ":** " + value_of(d, r, key) + "\n";
  }
  return out;
}

Section section(const char* key, const char* title) {
  return {key, title, true, "", ""};
}

void missing(Section& s, const std::string& why) {
  s.complete = false;
  s.missing += (s.missing.empty() ? "" : "; ") + why;
}

Section general(const Sources& in) {
  Section s = section("general", "General description and intended purpose");
  const auto& d = inventory::ai_systems();
  s.markdown =
      facts(d, in.system,
            {"purpose", "intended_use", "foreseeable_misuse", "org_role", "eu_ai_act_class",
             "annex_iii_area", "decision_type", "deployment_environment", "lifecycle_stage"});
  if (!in.system.is_set("intended_use")) missing(s, "the intended use is not stated");
  const std::string eu_class = in.system.text("eu_ai_act_class");
  if (eu_class.empty() || eu_class == "not_assessed")
    missing(s, "the EU AI Act class is not decided");
  return s;
}

Section versions(const Sources& in) {
  Section s = section("versions", "Versions");
  const auto& d = inventory::models();
  if (in.models.empty()) missing(s, "no model version is recorded for the system");
  for (const auto& m : in.models) {
    s.markdown += "### " + d.display_name(m) + "\n\n" +
                  facts(d, m, {"model_version", "model_type", "provider", "artefact_sha256"}) +
                  "\n";
    if (!m.is_set("artefact_sha256"))
      missing(s, d.display_name(m) + " has no artefact hash to identify the version");
  }
  return s;
}

Section design(const Sources& in) {
  Section s = section("design", "Design choices");
  const auto& d = inventory::models();
  for (const auto& m : in.models)
    s.markdown += "### " + d.display_name(m) + "\n\n" +
                  facts(d, m,
                        {"model_card.modelParameters.approach.type",
                         "model_card.modelParameters.architectureFamily",
                         "model_card.modelParameters.modelArchitecture",
                         "model_card.considerations.performanceTradeoffs"}) +
                  "\n";
  if (in.authored.design_choices.empty()) {
    missing(s, "the design choices and their reasons are not written in the technical file");
  } else {
    s.markdown += "### Choices and reasons\n\n" + in.authored.design_choices + "\n";
  }
  return s;
}

Result<Section> data(const Sources& in) {
  Section s = section("data", "Data and its provenance");
  std::set<int64_t> ids;
  for (int64_t id : in.system.ids("dataset_ids"))
    ids.insert(id);
  for (const auto& m : in.models)
    for (int64_t id : m.ids("dataset_ids"))
      ids.insert(id);
  if (ids.empty()) missing(s, "no dataset is recorded for the system or its models");
  const auto& d = inventory::datasets();
  const auto& v = data::dataset_versions();
  for (int64_t id : ids) {
    TRY_ASSIGN(const auto dataset, records::find(in.ctx, d, id));
    if (!dataset) continue;
    s.markdown += "### " + d.display_name(*dataset) + "\n\n" +
                  facts(d, *dataset,
                        {"source", "collection_method", "provenance_who", "provenance_when",
                         "licence", "personal_data"});
    TRY_ASSIGN(const auto found,
               records::list_all_in(in.ctx.tx, v, in.ctx.org,
                                    {.filters = {{"dataset_id", std::to_string(id)}}}));
    for (const auto& version : found)
      s.markdown += "- Version **" + version.text("version_label") + "** (" +
                    v.choice_label("state", version.state) + "), SHA-256 " +
                    (version.is_set("sha256") ? "`" + version.text("sha256") + "`" : "not given") +
                    ", origin: " + value_of(v, version, "origin") + "\n";
    s.markdown += "\n";
    if (found.empty()) missing(s, d.display_name(*dataset) + " has no recorded version");
    if (!dataset->is_set("provenance_who") && !dataset->is_set("source"))
      missing(s, d.display_name(*dataset) + " does not say where it comes from");
  }
  return s;
}

bool covers(const Record& r, const std::vector<Record>& models) {
  const auto model = r.ids("model_id");
  return model.empty() || std::any_of(models.begin(), models.end(),
                                      [&](const Record& m) { return m.id == model.front(); });
}

std::string number_text(std::optional<double> value) {
  if (!value) return "not set";
  char out[32];
  std::snprintf(out, sizeof out, "%g", *value);
  return out;
}

Result<Section> validation(const Sources& in) {
  Section s = section("validation", "Validation records and metrics");
  const std::string system = std::to_string(in.system.id);
  TRY_ASSIGN(const auto requirements,
             records::list_all_in(in.ctx.tx, lifecycle::requirements(), in.ctx.org,
                                  {.filters = {{"ai_system_id", system}, {"state", "agreed"}}}));
  s.markdown += "**Agreed acceptance criteria**\n\n";
  for (const auto& r : requirements) {
    if (!covers(r, in.models)) continue;
    const auto c = lifecycle::criterion_of(r);
    s.markdown += "- " + r.text("name") +
                  (c ? ": " + c->metric + " " + (c->at_least ? "at least " : "at most ") +
                           number_text(c->threshold) + (c->scope.empty() ? "" : " in " + c->scope)
                     : std::string()) +
                  "\n";
  }
  TRY_ASSIGN(const auto validations,
             records::list_all_in(in.ctx.tx, lifecycle::validations(), in.ctx.org,
                                  {.filters = {{"ai_system_id", system}}}));
  s.markdown += "\n**Validations**\n\n";
  bool passed = false;
  const auto& d = lifecycle::validations();
  for (const auto& v : validations) {
    if (!covers(v, in.models)) continue;
    passed = passed || v.state == "passed";
    s.markdown += "- " + d.display_name(v) + ": " + d.state(v.state)->label + ", latest run " +
                  value_of(d, v, "outcome") +
                  (v.is_set("last_run_on") ? " on " + v.text("last_run_on") : "") + "\n";
  }
  if (requirements.empty()) missing(s, "no agreed requirement with an acceptance criterion");
  if (!passed) missing(s, "no validation is signed off as passed");
  return s;
}

Result<Section> risk_summary(const Sources& in) {
  Section s = section("risk", "Risk management summary");
  TRY_ASSIGN(const auto risks,
             records::list_all_in(in.ctx.tx, risk::risks(), in.ctx.org,
                                  {.filters = {{"system_ids", std::to_string(in.system.id)}}}));
  const auto& d = risk::risks();
  int unassessed = 0;
  for (const auto& r : risks) {
    unassessed += r.state == "identified" ? 1 : 0;
    s.markdown += "- " + d.display_name(r) + ": inherent " + value_of(d, r, "inherent_level") +
                  ", residual " + value_of(d, r, "residual_level") + ", " +
                  d.state(r.state)->label + "\n";
  }
  if (risks.empty()) missing(s, "no risk is recorded for the system");
  if (unassessed > 0)
    missing(s, std::to_string(unassessed) + (unassessed == 1 ? " risk is" : " risks are") +
                   " identified but not assessed");
  return s;
}

Result<Section> oversight(const Sources& in) {
  Section s = section("oversight", "Human-oversight measures");
  const auto& d = inventory::ai_systems();
  s.markdown = facts(d, in.system, {"automation_level", "human_oversight"});
  TRY_ASSIGN(const auto switch_, monitoring::oversight_in(in.ctx.tx, in.ctx.org, in.system.id));
  s.markdown += std::string("- **Human review of every decision:** ") +
                (switch_.human_review_required ? "required now" : "not switched on") + "\n";
  if (!in.system.is_set("human_oversight"))
    missing(s, "the system does not say how people oversee it");
  return s;
}

// The system's recorded changes, newest first, from the audit trail.
Result<Section> changes(const Sources& in) {
  Section s = section("changes", "Changes");
  trail::Filter filter;
  filter.entity_type = "ai_system";
  filter.entity_id = in.system.id;
  filter.limit = 20;
  TRY_ASSIGN(const auto events, trail::list(in.ctx.tx, in.ctx.org, filter));
  for (const auto& e : events)
    s.markdown += "- " + minute_text(e.at) + " UTC, " + e.action + " by " + e.actor_label + "\n";
  if (events.empty()) missing(s, "no change of the system is recorded");
  return s;
}

std::string threshold_text(const monitoring::Threshold& t) {
  return t.metric + (t.scope == "*" ? "" : " in " + t.scope) + " must not go " + t.comparison +
         " " + number_text(t.value);
}

Result<Section> monitoring_plan(const Sources& in) {
  Section s = section("monitoring", "Post-market monitoring plan");
  TRY_ASSIGN(const auto monitors,
             monitoring::list_monitors_in(in.ctx.tx, in.ctx.org, in.system.id));
  int active = 0;
  for (const auto& m : monitors) {
    if (m.archived_at) continue;
    ++active;
    s.markdown += "### Monitor \"" + m.name + "\"\n\n- **Schedule:** " +
                  (m.run_mode == "schedule" && m.schedule_hours
                       ? "every " + std::to_string(*m.schedule_hours) + " hours"
                       : std::string("when a log is uploaded")) +
                  "\n";
    for (const auto& t : m.thresholds)
      s.markdown += "- **Threshold:** " + threshold_text(t) + "\n";
    s.markdown += "\n";
  }
  if (active == 0) missing(s, "no active monitor watches the system");
  if (in.authored.monitoring_plan.empty()) {
    missing(s,
            "the plan (who reviews the results, how often, what triggers action) is not "
            "written in the technical file");
  } else {
    s.markdown += "### The plan\n\n" + in.authored.monitoring_plan + "\n";
  }
  return s;
}

Result<std::vector<Record>> models_of(const records::WriteContext& ctx, const Record& system,
                                      std::optional<int64_t> model_id) {
  const auto ids = system.ids("model_ids");
  if (model_id && std::find(ids.begin(), ids.end(), *model_id) == ids.end())
    return Error::invalid("model_id", "not a model of this AI system");
  std::vector<Record> out;
  for (int64_t id : ids) {
    if (model_id && id != *model_id) continue;
    TRY_ASSIGN(auto model, records::find(ctx, inventory::models(), id));
    if (model) out.push_back(std::move(*model));
  }
  return out;
}

}  // namespace

Result<TechnicalFile> assemble(store::Tx& tx, int64_t org, int64_t system_id,
                               std::optional<int64_t> model_id, const Authored& authored,
                               const std::string& now) {
  const records::Caller reader{};
  const records::WriteContext ctx{tx, org, reader, now};
  TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), system_id));
  if (!system) return Error::not_found("no such AI system");
  TRY_ASSIGN(auto models, models_of(ctx, *system, model_id));
  const Sources in{ctx, *system, std::move(models), authored};
  TechnicalFile file{system_id, model_id, inventory::ai_systems().display_name(*system), now, {}};
  file.sections.push_back(general(in));
  file.sections.push_back(versions(in));
  file.sections.push_back(design(in));
  TRY_ASSIGN(auto data_section, data(in));
  file.sections.push_back(std::move(data_section));
  TRY_ASSIGN(auto validation_section, validation(in));
  file.sections.push_back(std::move(validation_section));
  TRY_ASSIGN(auto risk_section, risk_summary(in));
  file.sections.push_back(std::move(risk_section));
  TRY_ASSIGN(auto oversight_section, oversight(in));
  file.sections.push_back(std::move(oversight_section));
  TRY_ASSIGN(auto changes_section, changes(in));
  file.sections.push_back(std::move(changes_section));
  TRY_ASSIGN(auto monitoring_section, monitoring_plan(in));
  file.sections.push_back(std::move(monitoring_section));
  return file;
}

std::vector<std::string> incomplete_titles(const TechnicalFile& file) {
  std::vector<std::string> out;
  for (const auto& s : file.sections)
    if (!s.complete) out.push_back(s.title);
  return out;
}

std::string to_markdown(const TechnicalFile& file) {
  std::string out = "# Technical file: " + file.system_name + "\n\nAssembled " +
                    minute_text(file.assembled_at) + " UTC from the records of aims.\n\n";
  const auto incomplete = incomplete_titles(file);
  if (!incomplete.empty()) {
    out += "**Incomplete sections:**";
    for (const auto& t : incomplete)
      out += "\n- " + t;
    out += "\n\n";
  }
  for (size_t i = 0; i < file.sections.size(); ++i) {
    const auto& s = file.sections[i];
    out += "## " + std::to_string(i + 1) + ". " + s.title + "\n\n";
    if (!s.complete) out += "> **Incomplete:** " + s.missing + ".\n\n";
    out += s.markdown + "\n";
  }
  return out;
}

nlohmann::json to_json(const TechnicalFile& file) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : file.sections)
    sections.push_back(
        {{"key", s.key},
         {"title", s.title},
         {"complete", s.complete},
         {"missing", s.missing.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.missing)},
         {"markdown", s.markdown}});
  return {{"system_id", file.system_id},
          {"model_id", file.model_id ? nlohmann::json(*file.model_id) : nlohmann::json(nullptr)},
          {"system_name", file.system_name},
          {"assembled_at", file.assembled_at},
          {"complete", incomplete_titles(file).empty()},
          {"incomplete_sections", incomplete_titles(file)},
          {"sections", sections}};
}

}  // namespace aims::technical_file
