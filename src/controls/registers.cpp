// The Statement of Applicability, its approved versions and evidence as registers on the records
// platform, with the rules clause 6.1.3 sets for them.
#include <deque>

#include "controls/catalog.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "monitoring/monitoring.h"
#include "records/records.h"

namespace aims::controls {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

bool of_iso(const Record& r) {
  return r.text("framework") == kIso42001;
}

void entry_rules(const Record& r, const Record* before, Problems& p) {
  if (before && r.text("control") != before->text("control"))
    p.add("control", "an entry's control cannot change; archive it and add one for the other");
  if (of_iso(r)) check_annex_a_field(r, "control", p);
  const std::string applicability = r.text("applicability");
  if (applicability != "undecided" && !r.is_set("justification")) {
    p.add("justification", applicability == "applicable"
                               ? "say why the control is needed, even though it applies"
                               : "say why the control is not needed");
  }
  if (applicability == "applicable" && !r.is_set("owner_id"))
    p.add("owner_id", "an applicable control needs an owner");
}

// The title people see and search is the control's number and title; a control that does not
// apply has nothing to implement. Another framework's control is named in before_write, which
// can read its catalog.
void entry_compute(Record& r) {
  const auto controls = annex_a_controls();
  for (size_t n = 0; of_iso(r) && n < controls.size(); ++n) {
    if (controls[n]->id != r.text("control")) continue;
    r.values["title"] = controls[n]->id + " " + controls[n]->title;
    r.values["position"] = static_cast<int64_t>(n + 1);
  }
  if (r.text("applicability") == "not_applicable")
    r.values["implementation"] = std::string("not_started");
}

// An entry of one of the organisation's own frameworks: its control must be one of that
// framework's, and it is named "<framework> <id> <title>", after the Annex A controls.
Status name_other_control(const records::WriteContext& ctx, Record& after, const Record*) {
  if (of_iso(after)) return {};
  TRY_ASSIGN(const auto item,
             own_control(ctx.tx, ctx.org, after.text("framework"), after.text("control")));
  if (!item)
    return Error::invalid("control", "\"" + after.text("control") + "\" is no control of the " +
                                         "framework " + after.text("framework"));
  after.values["title"] = item->framework_name + " " + after.text("control") + " " + item->title;
  after.values["position"] = static_cast<int64_t>(annex_a_controls().size()) + item->position;
  return {};
}

records::Description make_soa_entries() {
  return {
      .type = "soa_entry",
      .table = "soa_entries",
      .singular = "SoA entry",
      .plural = "SoA entries",
      .api_path = "/api/v1/soa-entries",
      .page_path = "/controls/soa/entries",
      .command = "soa",
      .fields =
          {
              {.key = "framework",
               .label = "Framework",
               .group = "Control",
               .default_value = kIso42001.data(),
               .read_only = true,
               .shown = false},
              {.key = "control",
               .label = "Control number",
               .required = true,
               .hint = "The Annex A control's number, such as A.6.2.4.",
               .group = "Control"},
              {.key = "title",
               .label = "Control",
               .group = "Control",
               .searchable = true,
               .computed = true},
              {.key = "position",
               .label = "Position in Annex A",
               .type = T::integer,
               .group = "Control",
               .computed = true},
              {.key = "applicability",
               .label = "Applicability",
               .type = T::choice,
               .required = true,
               .choices = {{"undecided", "Not yet decided"},
                           {"applicable", "Applicable"},
                           {"not_applicable", "Not applicable"}},
               .group = "Decision",
               .default_value = "undecided"},
              {.key = "justification",
               .label = "Justification",
               .type = T::long_text,
               .hint = "Why the control is included or excluded: the risk, obligation or "
                       "decision behind it. Required either way.",
               .group = "Decision",
               .searchable = true},
              {.key = "implementation",
               .label = "Implementation",
               .type = T::choice,
               .required = true,
               .choices = {{"not_started", "Not started"},
                           {"planned", "Planned"},
                           {"partial", "Partially implemented"},
                           {"implemented", "Implemented"}},
               .group = "Decision",
               .default_value = "not_started"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .hint = "Answers for the control; needed once it applies.",
               .group = "Decision",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "system_ids",
               .label = "AI systems covered",
               .type = T::record_ref,
               .group = "Implementation",
               .target = "ai_system",
               .many = true,
               .csv_key = "ai_systems"},
              {.key = "document_ids",
               .label = "Policies and procedures",
               .type = T::record_ref,
               .group = "Implementation",
               .target = "document",
               .many = true,
               .csv_key = "documents"},
              {.key = "evidence_ids",
               .label = "Evidence",
               .type = T::record_ref,
               .group = "Implementation",
               .target = "evidence",
               .many = true,
               .csv_key = "evidence"},
              {.key = "monitor_ids",
               .label = "Monitors",
               .type = T::record_ref,
               .hint = "Monitors whose runs show the control at work: the latest run of each "
                       "counts as current evidence while it is within the monitor's interval.",
               .group = "Implementation",
               .target = "monitor",
               .many = true,
               .csv_key = "monitors"},
              {.key = "notes",
               .label = "How it is implemented",
               .type = T::long_text,
               .group = "Implementation",
               .searchable = true},
              {.key = "last_reviewed",
               .label = "Last reviewed",
               .type = T::date,
               .group = "Review"},
              {.key = "next_review",
               .label = "Next review",
               .type = T::date,
               .group = "Review",
               .due = true},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "applicability", "implementation", "owner_id", "next_review"},
      .filters = {"applicability", "implementation", "owner_id", "system_ids"},
      .sort_keys = {"position", "applicability", "implementation", "next_review"},
      .default_sort = "position",
      .nav = {.section = "soa"},
      .hooks = {.check = entry_rules, .compute = entry_compute, .before_write = name_other_control},
  };
}

void evidence_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("valid_until") && r.is_set("collected_on") &&
      r.text("valid_until") < r.text("collected_on"))
    p.add("valid_until", "evidence cannot expire before it was collected");
}

records::Description make_evidence() {
  return {
      .type = "evidence",
      .table = "evidence_items",
      .singular = "evidence item",
      .plural = "evidence",
      .api_path = "/api/v1/evidence",
      .page_path = "/controls/evidence",
      .command = "evidence",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Evidence",
               .searchable = true},
              {.key = "evidence_type",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"document", "Document"},
                           {"report", "Report or test result"},
                           {"record", "Record or log"},
                           {"screenshot", "Screenshot"},
                           {"link", "Link to another system"},
                           {"other", "Other"}},
               .group = "Evidence",
               .default_value = "document"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .hint = "Keeps it current and collects it again before it expires.",
               .group = "Evidence",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "description",
               .label = "What it shows",
               .type = T::long_text,
               .group = "Evidence",
               .searchable = true},
              {.key = "link",
               .label = "Link",
               .type = T::url,
               .hint = "Where it lives, when it is not attached here.",
               .group = "Evidence"},
              {.key = "collected_on",
               .label = "Collected on",
               .type = T::date,
               .required = true,
               .group = "Validity"},
              {.key = "valid_until",
               .label = "Valid until",
               .type = T::date,
               .hint = "After this date it no longer counts as evidence.",
               .group = "Validity",
               .due = true,
               .past_due_label = "expired"},
              {.key = "system_ids",
               .label = "AI systems",
               .type = T::record_ref,
               .group = "Links",
               .target = "ai_system",
               .many = true,
               .csv_key = "ai_systems"},
          },
      .title_field = "title",
      .list_columns = {"title", "evidence_type", "owner_id", "collected_on", "valid_until"},
      .filters = {"evidence_type", "owner_id", "system_ids"},
      .sort_keys = {"collected_on", "valid_until"},
      .default_sort = "-collected_on",
      .nav = {.group = "Governance",
              .group_order = 20,
              .label = "Evidence",
              .section = "evidence",
              .order = 30},
      .hooks = {.check = evidence_rules},
  };
}

// The clause requirements of ISO/IEC 42001 as choices: a manual assessment stands in where no
// record can show a requirement yet.
std::vector<records::Choice> requirement_choices() {
  static std::deque<std::string> labels;
  std::vector<records::Choice> out;
  if (const Framework* f = built_in_framework(kIso42001)) {
    for (const Item& i : f->items) {
      if (i.kind != "requirement") continue;
      labels.push_back(i.id + " " + i.title);
      out.push_back({i.id.c_str(), labels.back().c_str()});
    }
  }
  return out;
}

// A requirement a rule works out from records never takes a manual finding: refusing it here saves
// someone an assessment the readiness page would never show.
void assessment_rules(const Record& r, const Record*, Problems& p) {
  const auto* rule = readiness::rule_for(kIso42001, r.text("requirement"));
  if (!rule) return;
  std::string reads;
  for (const auto& what : rule->reads)
    reads += (reads.empty() ? "" : ", ") + what;
  p.add("requirement", r.text("requirement") + " is worked out from the records (" + reads +
                           "), so a manual assessment of it would not be used");
}

void assessment_title(Record& r) {
  if (const Framework* f = built_in_framework(kIso42001)) {
    if (const Item* i = f->item(r.text("requirement")))
      r.values["title"] = i->id + " " + i->title + ", assessed " + r.text("assessed_on");
  }
}

records::Description make_assessments() {
  return {
      .type = "readiness_assessment",
      .table = "readiness_assessments",
      .singular = "manual assessment",
      .plural = "manual assessments",
      .api_path = "/api/v1/readiness-assessments",
      .page_path = "/controls/readiness/assessments",
      .command = "assessments",
      .fields =
          {
              {.key = "requirement",
               .label = "Requirement",
               .type = T::choice,
               .required = true,
               .choices = requirement_choices(),
               .group = "Assessment"},
              {.key = "title",
               .label = "Assessment",
               .group = "Assessment",
               .searchable = true,
               .computed = true},
              {.key = "status",
               .label = "Finding",
               .type = T::choice,
               .required = true,
               .choices = {{"met", "Met"},
                           {"partial", "Partially met"},
                           {"not_met", "Not met"},
                           {"not_applicable", "Not applicable"}},
               .group = "Assessment",
               .default_value = "not_met"},
              {.key = "notes",
               .label = "What was checked",
               .type = T::long_text,
               .required = true,
               .hint = "What you looked at and why it supports the finding.",
               .group = "Assessment",
               .searchable = true},
              {.key = "assessor_id",
               .label = "Assessed by",
               .type = T::user_ref,
               .required = true,
               .group = "Assessment",
               .csv_key = "assessor_email",
               .responsible = true},
              {.key = "assessed_on",
               .label = "Assessed on",
               .type = T::date,
               .required = true,
               .group = "Assessment"},
              {.key = "next_review",
               .label = "Assess again by",
               .type = T::date,
               .group = "Assessment",
               .due = true},
              {.key = "evidence_ids",
               .label = "Evidence",
               .type = T::record_ref,
               .group = "Assessment",
               .target = "evidence",
               .many = true,
               .csv_key = "evidence"},
          },
      .title_field = "title",
      .list_columns = {"title", "status", "assessor_id", "next_review"},
      .filters = {"requirement", "status", "assessor_id"},
      .sort_keys = {"assessed_on", "next_review"},
      .default_sort = "-assessed_on",
      .nav = {.section = "readiness"},
      .hooks = {.check = assessment_rules, .compute = assessment_title},
  };
}

}  // namespace

std::vector<const Item*> annex_a_controls() {
  std::vector<const Item*> out;
  if (const Framework* f = built_in_framework(kIso42001)) {
    for (const Item& i : f->items) {
      if (i.kind == "control") out.push_back(&i);
    }
  }
  return out;
}

void check_annex_a_field(const records::Record& r, const std::string& key,
                         records::Problems& problems, std::string_view example) {
  std::vector<std::string> cited = r.list(key);
  if (cited.empty() && r.is_set(key)) cited.push_back(r.text(key));
  for (const auto& id : cited)
    if (!is_annex_a_control(id))
      problems.add(key, "\"" + id + "\" is no Annex A control: give its number, such as " +
                            std::string(example));
}

bool is_annex_a_control(std::string_view id) {
  const auto annex = annex_a_controls();
  return std::any_of(annex.begin(), annex.end(), [&](const Item* c) { return c->id == id; });
}

const records::Description& soa_entries() {
  static const records::Description d = make_soa_entries();
  return d;
}

const records::Description& evidence() {
  static const records::Description d = make_evidence();
  return d;
}

const records::Description& assessments() {
  static const records::Description d = make_assessments();
  return d;
}

void define_registers() {
  monitoring::define_reference_target();  // an entry cites monitors
  records::define(evidence());
  records::define(soa_entries());
  records::define(soa_versions());
  records::define(assessments());
  define_readiness_rules();
}

}  // namespace aims::controls
