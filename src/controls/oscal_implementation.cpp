// The SoA and readiness as OSCAL 1.2.1 system security plans, component definitions and assessment
// results. Like oscal.cpp it writes only what the closed schemas accept: optional members are left
// out when empty, one-line members cleaned with oscal_one_line, every uuid derived from names so
// that the same input gives the same document.
#include "controls/oscal_implementation.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "base/text.h"
#include "controls/oscal.h"

namespace aims::controls {
namespace {

using nlohmann::json;
using readiness::Status;

constexpr const char* kOwnerRole = "control-owner";

// The names oscal_uuid hashes: the document kind, the organisation and the scope (an AI system
// or nothing), then what the uuid is for. Item uuids leave the timestamp out, so that a control
// keeps its uuid from one export to the next, as OSCAL asks; document uuids put it in.
class Names {
 public:
  Names(std::string_view kind, std::string_view organisation, std::string_view scope)
      : prefix_(std::string(kind) + '\x1f' + std::string(organisation) + '\x1f' +
                std::string(scope)) {}
  std::string uuid(std::initializer_list<std::string_view> parts) const {
    std::string name = prefix_;
    for (auto part : parts)
      (name += '\x1f') += part;
    return oscal_uuid(name);
  }

 private:
  std::string prefix_;
};

std::string line_or(std::string_view text, std::string_view fallback) {
  std::string line = oscal_one_line(text);
  return line.empty() ? oscal_one_line(fallback) : line;
}

void add_prop(json& props, std::string_view name, std::string_view value) {
  std::string v = oscal_one_line(value);
  if (v.empty()) return;
  props.push_back(
      {{"name", std::string(name)}, {"ns", std::string(kOscalNamespace)}, {"value", std::move(v)}});
}

void set_if(json& node, const char* key, json value) {
  if (value.is_array() && value.empty()) return;
  if (value.is_string() && trim(value.get<std::string>()).empty()) return;
  node[key] = std::move(value);
}

std::string framework_title(const Framework& f) {
  return line_or(f.short_name, line_or(f.name, f.key));
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// aims' links are paths of its web pages ("/controls/soa/entries/3"). A URI reference cannot
// hold a space, a byte beyond ASCII, brackets outside a host or a second '#', so those are
// percent-encoded, as is a '%' that does not already start an escape.
std::string uri_reference(std::string_view href) {
  static constexpr std::string_view kKept = "-._~:/?!$&'()*+,;=@";
  std::string out;
  bool fragment = false;
  for (size_t i = 0; i < href.size(); ++i) {
    const char c = href[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    const bool escape =
        c == '%' && i + 2 < href.size() && is_hex(href[i + 1]) && is_hex(href[i + 2]);
    const bool first_hash = c == '#' && !fragment;
    if (alnum || escape || first_hash || kKept.find(c) != std::string_view::npos) {
      fragment = fragment || first_hash;
      out += c;
      continue;
    }
    char buffer[4];
    std::snprintf(buffer, sizeof buffer, "%%%02X", static_cast<unsigned char>(c));
    out += buffer;
  }
  return out;
}

// The organisation and the people who own controls, as metadata parties, with the one role
// (control owner) that the implemented requirements and the SSP's user refer to.
class Parties {
 public:
  Parties(const Names& names, const std::string& organisation) : names_(names) {
    organisation_uuid_ = names_.uuid({"party", "organisation"});
    organisation_ = line_or(organisation, "The organisation");
  }

  void add_owner(const std::string& owner) {
    std::string name = oscal_one_line(owner);
    if (!name.empty()) owners_.emplace(name, names_.uuid({"party", "person", name}));
  }

  // The responsible-roles of a control owned by `owner`; empty when nobody owns it.
  json owner_roles(const std::string& owner) const {
    const auto it = owners_.find(oscal_one_line(owner));
    if (it == owners_.end()) return json::array();
    return json::array({{{"role-id", kOwnerRole}, {"party-uuids", json::array({it->second})}}});
  }

  const std::string& organisation() const { return organisation_; }

  void add_to(json& metadata) const {
    metadata["roles"] = json::array(
        {{{"id", kOwnerRole},
          {"title", "Control owner"},
          {"description",
           "Answers for a control's implementation, as its Statement of Applicability entry "
           "names them."}}});
    json parties = json::array(
        {{{"uuid", organisation_uuid_}, {"type", "organization"}, {"name", organisation_}}});
    // By name, so that the order does not depend on the order of the controls.
    for (const auto& [name, uuid] : owners_) {
      parties.push_back({{"uuid", uuid},
                         {"type", "person"},
                         {"name", name},
                         {"member-of-organizations", json::array({organisation_uuid_})}});
    }
    metadata["parties"] = std::move(parties);
  }

 private:
  const Names& names_;
  std::string organisation_uuid_;
  std::string organisation_;
  std::map<std::string, std::string> owners_;
};

json metadata_of(const std::string& title, const std::string& last_modified,
                 const std::string& version, json props) {
  json m = {{"title", title},
            {"last-modified", last_modified},
            {"version", version},
            {"oscal-version", std::string(kOscalVersion)}};
  set_if(m, "props", std::move(props));
  return m;
}

// The control as OSCAL states its implementation. OSCAL has no state for work that has not
// started; "planned" is the nearest, and the aims "implementation" prop keeps the difference.
struct ImplementationState {
  std::string_view state;
  std::string_view words;  // for a description the SoA leaves without notes
  std::string_view remarks;
};

ImplementationState implementation_state(std::string_view implementation) {
  if (implementation == "implemented") return {"implemented", "Implemented", ""};
  if (implementation == "partial") return {"partial", "Partially implemented", ""};
  if (implementation == "planned") return {"planned", "Planned, not yet implemented", ""};
  return {"planned", "Applies, but its implementation has not started",
          "The implementation has not started."};
}

struct Selected {
  const ImplementedControl* control;
  std::string oscal_id;
};

struct Selection {
  std::vector<Selected> controls;
  size_t undecided = 0;  // undecided controls left out, to say so in the description
};

bool covers(const ImplementedControl& c, const std::string& system) {
  return system.empty() || c.systems.empty() ||
         std::find(c.systems.begin(), c.systems.end(), system) != c.systems.end();
}

// The applicable controls `impl` describes (for its AI system, when it names one), in its order.
Result<Selection> select_controls(const Implementation& impl, const Framework& f) {
  const auto ids = oscal_ids(f);
  Selection out;
  std::set<std::string, std::less<>> seen;
  for (size_t n = 0; n < impl.controls.size(); ++n) {
    const ImplementedControl& c = impl.controls[n];
    const std::string field = "controls[" + std::to_string(n) + "].control";
    // A section becomes an OSCAL group, not a control, so no control-id can name it.
    const Item* item = f.item(c.control);
    if (!item || item->kind == "section")
      return Error::invalid(
          field, field + ": " + c.control + " is no control of " + framework_title(f) + ".");
    if (!seen.insert(c.control).second)
      return Error::invalid(field, field + ": " + c.control + " is listed twice.");
    if (!covers(c, impl.system)) continue;
    if (c.applicability == "undecided") ++out.undecided;
    if (c.applicability != "applicable") continue;
    out.controls.push_back({&c, ids.at(c.control)});
  }
  if (out.controls.empty()) {
    const std::string scope = impl.system.empty() ? "" : " for " + impl.system;
    return Error{ErrorCode::failed_precondition,
                 "No control of the Statement of Applicability applies" + scope +
                     ", so there is no implementation to export.",
                 {}};
  }
  return out;
}

// What aims knows of a control beyond OSCAL's own members, as aims props.
json control_props(const ImplementedControl& c) {
  json props = json::array();
  add_prop(props, "applicability", c.applicability);
  add_prop(props, "implementation", c.implementation);
  for (const auto& system : c.systems)
    add_prop(props, "ai-system", system);
  for (const auto& title : c.evidence)
    add_prop(props, "evidence", title);
  return props;
}

std::string implementation_description(const ImplementedControl& c) {
  if (!trim(c.notes).empty()) return c.notes;
  return std::string(implementation_state(c.implementation).words) +
         "; the Statement of Applicability gives no notes on how.";
}

std::string justification_remarks(const ImplementedControl& c) {
  return trim(c.justification).empty() ? "" : "Why it applies: " + c.justification;
}

std::string scope_name(const Implementation& impl, const Parties& parties) {
  return impl.system.empty() ? parties.organisation() + " AI management system"
                             : line_or(impl.system, "AI system");
}

std::string scope_description(const Implementation& impl, const Framework& f) {
  if (!trim(impl.system_description).empty()) return impl.system_description;
  return impl.system.empty() ? "The AI management system, as " + framework_title(f) + " defines it."
                             : "An AI system within the scope of the AI management system.";
}

std::string soa_version_line(const Implementation& impl) {
  return line_or(impl.soa_version, "Draft: no approved Statement of Applicability");
}

std::string control_implementation_description(const Implementation& impl, const Framework& f,
                                               const Selection& s) {
  std::string text = "How " + line_or(impl.organisation, "the organisation") + " implements the " +
                     framework_title(f) + " controls that its Statement of Applicability (" +
                     soa_version_line(impl) + ") marks applicable";
  if (!impl.system.empty()) text += " to " + oscal_one_line(impl.system);
  text += ". Controls it excludes are left out";
  if (s.undecided == 1) text += ", as is the one control it has not yet decided on";
  if (s.undecided > 1)
    text += ", as are the " + std::to_string(s.undecided) + " controls it has not yet decided on";
  return text + ".";
}

}  // namespace

Result<json> oscal_ssp(const Implementation& impl, const Framework& iso42001,
                       const std::string& last_modified) {
  TRY_ASSIGN(const Selection selection, select_controls(impl, iso42001));
  const Names names("system-security-plan", impl.organisation, impl.system);
  Parties parties(names, impl.organisation);
  for (const auto& s : selection.controls)
    parties.add_owner(s.control->owner);
  const std::string this_system = names.uuid({"component", "this-system"});
  const json catalog = oscal_catalog_resource(iso42001);

  json requirements = json::array();
  for (const auto& [c, oscal_id] : selection.controls) {
    const ImplementationState state = implementation_state(c->implementation);
    json status = {{"state", std::string(state.state)}};
    set_if(status, "remarks", std::string(state.remarks));
    json by_component = {{"component-uuid", this_system},
                         {"uuid", names.uuid({"by-component", c->control})},
                         {"description", implementation_description(*c)},
                         {"implementation-status", std::move(status)}};
    json r = {{"uuid", names.uuid({"implemented-requirement", c->control})},
              {"control-id", oscal_id}};
    set_if(r, "props", control_props(*c));
    set_if(r, "responsible-roles", parties.owner_roles(c->owner));
    r["by-components"] = json::array({std::move(by_component)});
    set_if(r, "remarks", justification_remarks(*c));
    requirements.push_back(std::move(r));
  }

  const std::string name = scope_name(impl, parties);
  json meta_props = json::array();
  add_prop(meta_props, "scope", impl.system.empty() ? "aims" : "ai-system");
  add_prop(meta_props, "soa-version", impl.soa_version);
  json metadata = metadata_of(parties.organisation() + ": " + framework_title(iso42001) +
                                  " implementation of " +
                                  (impl.system.empty() ? "the AI management system" : name),
                              last_modified, soa_version_line(impl), std::move(meta_props));
  parties.add_to(metadata);

  // aims does not categorise sensitivity, but the SSP model expects a level: it writes FIPS 199
  // moderate and says with a prop that the value is its default, for the organisation to replace.
  json sensitivity_prop = {
      {"name", "security-sensitivity-level"},
      {"ns", std::string(kOscalNamespace)},
      {"value", "aims-default"},
      {"remarks",
       "aims does not categorise the sensitivity of the AIMS or its AI "
       "systems; fips-199-moderate is the default aims writes until the organisation "
       "states its own categorisation."}};
  json information_type = {
      {"uuid", names.uuid({"information-type"})},
      {"title", impl.system.empty() ? "AI management system records" : "Data of " + name},
      {"description",
       impl.system.empty()
           ? "The documented information the AI management system keeps: policies, risk and "
             "impact assessments, the Statement of Applicability, evidence, audits and reviews."
           : "The data " + name +
                 " is developed, trained and operated with, and the records the AI management "
                 "system keeps on it."}};
  json characteristics = {
      {"system-ids", json::array({{{"identifier-type", "https://ietf.org/rfc/rfc4122"},
                                   {"id", oscal_uuid("system\x1f" + impl.organisation + "\x1f" +
                                                     impl.system)}}})},
      {"system-name", name},
      {"description", scope_description(impl, iso42001)},
      {"props", json::array({std::move(sensitivity_prop)})},
      {"security-sensitivity-level", "fips-199-moderate"},
      {"system-information", {{"information-types", json::array({std::move(information_type)})}}},
      {"status", {{"state", "operational"}}},
      {"authorization-boundary",
       {{"description",
         impl.system.empty()
             ? "The scope of the AI management system as the organisation has determined it "
               "(ISO/IEC 42001 clause 4.3): the AI systems, processes and parts of the "
               "organisation it covers."
             : "The AI system " + name +
                   " and the AI management system controls that apply to it, within the scope "
                   "of the AI management system (ISO/IEC 42001 clause 4.3)."}}}};

  json component = {{"uuid", this_system},
                    {"type", "this-system"},
                    {"title", name},
                    {"description", scope_description(impl, iso42001)},
                    {"status", {{"state", "operational"}}}};
  json user = {
      {"uuid", names.uuid({"user", kOwnerRole})},
      {"title", "Control owner"},
      {"description", "A person who answers for the implementation of one or more controls."},
      {"role-ids", json::array({kOwnerRole})}};

  const std::string catalog_uuid = catalog["uuid"].get<std::string>();
  return json{
      {"system-security-plan",
       {{"uuid", names.uuid({"document", last_modified, impl.soa_version})},
        {"metadata", std::move(metadata)},
        {"import-profile",
         {{"href", "#" + catalog_uuid},
          {"remarks",
           "aims keeps no profile: the baseline is the whole " + framework_title(iso42001) +
               " catalog, which the back-matter names and aims exports as an OSCAL catalog."}}},
        {"system-characteristics", std::move(characteristics)},
        {"system-implementation",
         {{"users", json::array({std::move(user)})},
          {"components", json::array({std::move(component)})}}},
        {"control-implementation",
         {{"description", control_implementation_description(impl, iso42001, selection)},
          {"implemented-requirements", std::move(requirements)}}},
        {"back-matter", {{"resources", json::array({catalog})}}}}}};
}

Result<json> oscal_component_definition(const Implementation& impl, const Framework& iso42001,
                                        const std::string& last_modified) {
  TRY_ASSIGN(const Selection selection, select_controls(impl, iso42001));
  const Names names("component-definition", impl.organisation, impl.system);
  Parties parties(names, impl.organisation);
  for (const auto& s : selection.controls)
    parties.add_owner(s.control->owner);
  const json catalog = oscal_catalog_resource(iso42001);

  json requirements = json::array();
  for (const auto& [c, oscal_id] : selection.controls) {
    json r = {{"uuid", names.uuid({"implemented-requirement", c->control})},
              {"control-id", oscal_id},
              {"description", implementation_description(*c)}};
    set_if(r, "props", control_props(*c));
    set_if(r, "responsible-roles", parties.owner_roles(c->owner));
    set_if(r, "remarks", justification_remarks(*c));
    requirements.push_back(std::move(r));
  }

  const std::string name = scope_name(impl, parties);
  json component_props = json::array();
  add_prop(component_props, "scope", impl.system.empty() ? "aims" : "ai-system");
  // The AIMS is a management system the organisation runs for its AI systems: of OSCAL's
  // component types "service" comes nearest. An AI system is software.
  json component = {
      {"uuid", names.uuid({"component"})},
      {"type", impl.system.empty() ? "service" : "software"},
      {"title", name},
      {"description", scope_description(impl, iso42001)},
      {"props", std::move(component_props)},
      {"control-implementations",
       json::array({{{"uuid", names.uuid({"control-implementation"})},
                     {"source", "#" + catalog["uuid"].get<std::string>()},
                     {"description", control_implementation_description(impl, iso42001, selection)},
                     {"implemented-requirements", std::move(requirements)}}})}};

  json meta_props = json::array();
  add_prop(meta_props, "soa-version", impl.soa_version);
  json metadata = metadata_of(name + ": " + framework_title(iso42001) + " controls", last_modified,
                              soa_version_line(impl), std::move(meta_props));
  parties.add_to(metadata);
  return json{{"component-definition",
               {{"uuid", names.uuid({"document", last_modified, impl.soa_version})},
                {"metadata", std::move(metadata)},
                {"components", json::array({std::move(component)})},
                {"back-matter", {{"resources", json::array({catalog})}}}}}};
}

Result<json> oscal_assessment_results(const Readiness& r, const Framework& iso42001,
                                      const std::string& organisation,
                                      const std::string& last_modified) {
  if (r.items.empty())
    return Error{ErrorCode::failed_precondition,
                 "The readiness assessment holds no requirement, so there are no results to "
                 "export.",
                 {}};
  const auto ids = oscal_ids(iso42001);
  const Names names("assessment-results", organisation, "");
  const std::string framework = framework_title(iso42001);

  json selected = json::array(), observations = json::array(), findings = json::array();
  int met = 0, partial = 0, not_met = 0, excluded = 0;
  for (size_t n = 0; n < r.items.size(); ++n) {
    const Assessment& a = r.items[n];
    const Item* item = iso42001.item(a.id);
    if (!item || item->kind == "section") {
      const std::string field = "items[" + std::to_string(n) + "].id";
      return Error::invalid(
          field, field + ": " + a.id + " is no requirement or control of " + framework + ".");
    }
    const std::string& oscal_id = ids.at(a.id);
    selected.push_back({{"control-id", oscal_id}});
    switch (a.status) {
      case Status::met:
        ++met;
        break;
      case Status::partial:
        ++partial;
        break;
      case Status::not_met:
        ++not_met;
        break;
      case Status::not_applicable:
        ++excluded;
        // Reviewed, and excluded: there is nothing to find.
        continue;
    }
    const std::string title = line_or(a.id + " " + a.title, oscal_id);
    const std::string reason =
        trim(a.reason).empty() ? std::string(readiness::label(a.status)) + "." : a.reason;

    json evidence = json::array();
    for (const auto& link : a.links) {
      const std::string description = line_or(link.label, link.href);
      if (description.empty()) continue;
      json e = {{"description", description}};
      if (!trim(link.href).empty()) e["href"] = uri_reference(trim(link.href));
      evidence.push_back(std::move(e));
    }
    json observation_props = json::array();
    for (const auto& what : a.reads)
      add_prop(observation_props, "reads", what);
    // A person's manual assessment may have examined, interviewed or tested; aims does not know.
    const char* method = a.source == "manual" ? "UNKNOWN" : "EXAMINE";
    const std::string observation_uuid = names.uuid({"observation", a.id});
    json observation = {
        {"uuid", observation_uuid}, {"title", "Readiness of " + title}, {"description", reason}};
    set_if(observation, "props", std::move(observation_props));
    observation["methods"] = json::array({method});
    observation["types"] = json::array({"control-objective"});
    set_if(observation, "relevant-evidence", std::move(evidence));
    observation["collected"] = last_modified;
    observations.push_back(std::move(observation));

    // OSCAL's reasons are pass, fail and other: a partly met requirement has not failed outright.
    const bool satisfied = a.status == Status::met;
    const char* why = satisfied ? "pass" : a.status == Status::partial ? "other" : "fail";
    json status = {{"state", satisfied ? "satisfied" : "not-satisfied"}, {"reason", why}};
    if (a.status == Status::partial) status["remarks"] = "Partially met.";
    json props = json::array();
    add_prop(props, "status", readiness::key(a.status));
    add_prop(props, "source", a.source);
    add_prop(props, "kind", a.kind);
    json finding = {{"uuid", names.uuid({"finding", a.id})},
                    {"title", title},
                    {"description", reason},
                    {"props", std::move(props)}};
    if (!trim(a.fix.href).empty()) {
      json link = {{"href", uri_reference(trim(a.fix.href))}, {"rel", "remediation"}};
      set_if(link, "text", oscal_one_line(a.fix.label));
      finding["links"] = json::array({std::move(link)});
    }
    finding["target"] = {{"type", "objective-id"}, {"target-id", oscal_id}, {"status", status}};
    finding["related-observations"] = json::array({{{"observation-uuid", observation_uuid}}});
    findings.push_back(std::move(finding));
  }

  const std::string org = line_or(organisation, "The organisation");
  json result_props = json::array();
  add_prop(result_props, "met", std::to_string(met));
  add_prop(result_props, "partial", std::to_string(partial));
  add_prop(result_props, "not-met", std::to_string(not_met));
  add_prop(result_props, "not-applicable", std::to_string(excluded));
  json result = {
      {"uuid", names.uuid({"result", last_modified})},
      {"title", "Readiness for " + framework},
      {"description",
       "How ready " + org + " is for " + framework +
           ", as aims works it out from its records, its Statement of Applicability and manual "
           "assessments: " +
           std::to_string(met) + " met, " + std::to_string(partial) + " partially met, " +
           std::to_string(not_met) + " not met, " + std::to_string(excluded) + " not applicable."},
      {"start", last_modified},
      {"props", std::move(result_props)},
      {"reviewed-controls",
       {{"control-selections",
         json::array(
             {{{"description", "Every requirement and control of " + framework +
                                   " that aims assessed, those found not applicable included."},
               {"include-controls", std::move(selected)}}})}}}};
  set_if(result, "observations", std::move(observations));
  set_if(result, "findings", std::move(findings));

  const json catalog = oscal_catalog_resource(iso42001);
  const std::string plan_uuid = names.uuid({"assessment-plan"});
  json plan = {{"uuid", plan_uuid},
               {"title", "Readiness rules of aims (no OSCAL assessment plan)"},
               {"description",
                "aims assesses readiness continuously from the organisation's records, its "
                "Statement of Applicability and manual assessments, by rules fixed in aims, "
                "rather than by a separate assessment plan. This resource stands in for the plan "
                "the model requires."}};
  json metadata = metadata_of("Readiness of " + org + " for " + framework, last_modified,
                              "Readiness as of " + last_modified, json::array());
  metadata["parties"] = json::array(
      {{{"uuid", names.uuid({"party", "organisation"})}, {"type", "organization"}, {"name", org}}});
  return json{{"assessment-results",
               {{"uuid", names.uuid({"document", last_modified})},
                {"metadata", std::move(metadata)},
                {"import-ap",
                 {{"href", "#" + plan_uuid},
                  {"remarks",
                   "aims keeps no assessment plan; the back-matter resource says how it "
                   "assesses instead."}}},
                {"results", json::array({std::move(result)})},
                {"back-matter", {{"resources", json::array({std::move(plan), catalog})}}}}}};
}

}  // namespace aims::controls
