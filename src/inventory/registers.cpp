// The inventory's four registers described for the records platform, with their own rules.
#include "inventory/registers.h"

#include "base/text.h"

namespace aims::inventory {
namespace {

using records::Choice;
using records::Description;
using records::Field;
using records::Problems;
using records::Record;
using T = records::FieldType;

// Earlier date first; a missing date never breaks an order rule.
bool before(const Record& r, const char* earlier, const char* later) {
  const std::string a = r.text(earlier), b = r.text(later);
  return !a.empty() && !b.empty() && b < a;
}

void ai_system_rules(const Record& r, const Record*, Problems& p) {
  const std::string eu_class = r.text("eu_ai_act_class");
  const bool high_risk = eu_class == "high_risk";
  const bool has_area = r.is_set("annex_iii_area");
  const bool has_product = r.is_set("annex_i_product");
  if (high_risk && !has_area && !has_product) {
    p.add("annex_iii_area", "a high-risk system needs its Annex III area or its Annex I product");
  }
  if (!high_risk && has_area)
    p.add("annex_iii_area", "only a high-risk system has an Annex III area");
  if (!high_risk && has_product) {
    p.add("annex_i_product", "only a high-risk system has an Annex I product");
  }
  if (eu_class != "not_assessed" && !r.is_set("eu_class_rationale")) {
    p.add("eu_class_rationale", "explain why this EU AI Act classification applies");
  }
  const std::string stage = r.text("lifecycle_stage");
  if (eu_class == "prohibited" && (stage == "deployment" || stage == "operation_monitoring")) {
    p.add("lifecycle_stage", "a prohibited practice (Art. 5) must not be deployed or operated");
  }
  if (!r.flag("in_scope") && !r.is_set("scope_exclusion_reason")) {
    p.add("scope_exclusion_reason", "say why the system is outside the AIMS scope (clause 4.3)");
  }
  if (before(r, "deployed_on", "retired_on")) {
    p.add("retired_on", "the retirement date cannot be before the deployment date");
  }
}

void ai_system_tidy(Record& r) {
  std::vector<std::string> tags;
  for (const auto& tag : r.list("tags")) {
    std::string lower = to_lower_ascii(tag);
    if (std::find(tags.begin(), tags.end(), lower) == tags.end()) tags.push_back(lower);
  }
  r.values["tags"] = tags;
  // A system in scope has no reason for being out of it.
  if (r.flag("in_scope")) r.values["scope_exclusion_reason"] = std::string();
}

void model_rules(const Record& r, const Record*, Problems& p) {
  const bool from_supplier = r.text("provider") == "supplier";
  const bool names_supplier = r.number("supplier_id").has_value();
  if (from_supplier && !names_supplier)
    p.add("supplier_id", "name the supplier this model comes from");
  if (!from_supplier && names_supplier) p.add("supplier_id", "an in-house model has no supplier");
}

void dataset_rules(const Record& r, const Record*, Problems& p) {
  if (r.flag("personal_data") && r.text("consent_status") == "not_applicable") {
    p.add("consent_status", "personal data needs a consent or lawful-basis status");
  }
  if (before(r, "provenance_when", "disposal_date")) {
    p.add("disposal_date", "the disposal date cannot be before the data was collected");
  }
}

void supplier_rules(const Record& r, const Record*, Problems& p) {
  if (before(r, "last_review", "next_review")) {
    p.add("next_review", "the next review must come after the last one");
  }
}

// A model's use of dataset versions (A.7.5): which exact data it learnt from and was checked on.
Field version_ref(const char* key, const char* label, const char* csv_key) {
  return {.key = key,
          .label = label,
          .type = T::record_ref,
          .group = "Training data",
          .target = "dataset_version",
          .many = true,
          .csv_key = csv_key};
}

const std::vector<Choice> kLevels = {
    {"low", "Low"}, {"medium", "Medium"}, {"high", "High"}, {"critical", "Critical"}};

Description make_ai_systems() {
  return {
      .type = "ai_system",
      .table = "ai_systems",
      .singular = "AI system",
      .plural = "AI systems",
      .api_path = "/api/v1/ai-systems",
      .page_path = "/inventory/systems",
      .command = "systems",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "purpose",
               .label = "Purpose",
               .type = T::long_text,
               .required = true,
               .hint = "What the system is for, in one or two sentences.",
               .group = "Identity",
               .searchable = true},
              {.key = "intended_use",
               .label = "Intended use",
               .type = T::long_text,
               .hint = "Who uses it, where, and for which decisions (A.9.4).",
               .group = "Identity",
               .searchable = true},
              {.key = "foreseeable_misuse",
               .label = "Reasonably foreseeable misuse",
               .type = T::long_text,
               .hint = "Uses it was not built for but could be put to.",
               .group = "Identity"},
              {.key = "org_role",
               .label = "Our role for this system",
               .type = T::choice,
               .required = true,
               .choices = {{"developer", "Developer"},
                           {"provider", "Provider (places it on the market)"},
                           {"deployer", "Deployer (uses it)"},
                           {"importer", "Importer"},
                           {"distributor", "Distributor"}},
               .group = "Identity"},
              {.key = "business_unit",
               .label = "Business unit",
               .group = "Identity",
               .searchable = true},
              {.key = "owner_id",
               .label = "Accountable owner",
               .type = T::user_ref,
               .required = true,
               .hint = "A person of this organisation who answers for the system.",
               .group = "Identity",
               .responsible = true},
              {.key = "lifecycle_stage",
               .label = "Lifecycle stage",
               .type = T::choice,
               .required = true,
               .choices = {{"design", "Design"},
                           {"development", "Development"},
                           {"verification_validation", "Verification and validation"},
                           {"deployment", "Deployment"},
                           {"operation_monitoring", "Operation and monitoring"},
                           {"retirement", "Retirement"}},
               .group = "Lifecycle",
               .default_value = "design"},
              {.key = "deployment_environment",
               .label = "Deployment environment",
               .hint = "e.g. production, EU region, on-premises",
               .group = "Lifecycle"},
              {.key = "deployed_on", .label = "Deployed on", .type = T::date, .group = "Lifecycle"},
              {.key = "retired_on", .label = "Retired on", .type = T::date, .group = "Lifecycle"},
              {.key = "decision_type",
               .label = "Decision made or supported",
               .hint = "e.g. credit approval, ticket routing",
               .group = "Use and oversight"},
              {.key = "automation_level",
               .label = "Automation level",
               .type = T::choice,
               .required = true,
               .choices = {{"fully_automated", "Fully automated"},
                           {"human_in_the_loop", "Human in the loop (a person decides)"},
                           {"human_on_the_loop", "Human on the loop (a person supervises)"},
                           {"advisory", "Advisory only"}},
               .group = "Use and oversight",
               .default_value = "human_in_the_loop"},
              {.key = "human_oversight",
               .label = "Human oversight arrangement",
               .type = T::long_text,
               .hint = "Who can intervene, how, and with what authority (EU AI Act Art. 14).",
               .group = "Use and oversight"},
              {.key = "affects_customers",
               .label = "Affects customers",
               .type = T::flag,
               .group = "People affected"},
              {.key = "affects_employees",
               .label = "Affects employees",
               .type = T::flag,
               .group = "People affected"},
              {.key = "affects_public",
               .label = "Affects the public",
               .type = T::flag,
               .group = "People affected"},
              {.key = "affects_vulnerable_groups",
               .label = "Affects vulnerable groups",
               .type = T::flag,
               .hint = "Children, patients, people in financial difficulty, ...",
               .group = "People affected"},
              {.key = "personal_data",
               .label = "Processes personal data",
               .type = T::flag,
               .group = "People affected"},
              {.key = "eu_ai_act_class",
               .label = "EU AI Act classification",
               .type = T::choice,
               .required = true,
               .choices = {{"not_assessed", "Not yet assessed"},
                           {"prohibited", "Prohibited practice (Art. 5)"},
                           {"high_risk", "High-risk (Art. 6)"},
                           {"transparency", "Transparency obligations (Art. 50)"},
                           {"minimal", "Minimal risk"}},
               .group = "Classification",
               .default_value = "not_assessed"},
              {.key = "annex_iii_area",
               .label = "Annex III area",
               .type = T::choice,
               .choices = {{"biometrics", "1. Biometrics"},
                           {"critical_infrastructure", "2. Critical infrastructure"},
                           {"education", "3. Education and vocational training"},
                           {"employment", "4. Employment and workers' management"},
                           {"essential_services", "5. Essential private and public services"},
                           {"law_enforcement", "6. Law enforcement"},
                           {"migration", "7. Migration, asylum and border control"},
                           {"justice_democracy", "8. Justice and democratic processes"}},
               .hint = "For high-risk systems under Art. 6(2).",
               .group = "Classification"},
              {.key = "annex_i_product",
               .label = "Annex I product or safety component",
               .hint = "For high-risk systems under Art. 6(1), e.g. a medical device (MDR).",
               .group = "Classification"},
              {.key = "eu_class_rationale",
               .label = "Classification rationale",
               .type = T::long_text,
               .hint = "Why this class applies (required once classified).",
               .group = "Classification"},
              {.key = "risk_tier",
               .label = "Internal risk tier",
               .type = T::choice,
               .required = true,
               .choices = kLevels,
               .group = "Classification",
               .default_value = "medium"},
              {.key = "in_scope",
               .label = "In the AIMS scope",
               .type = T::flag,
               .group = "Scope",
               .default_value = "true"},
              {.key = "scope_exclusion_reason",
               .label = "Reason for exclusion",
               .type = T::long_text,
               .hint = "Required when the system is outside the scope (clause 4.3).",
               .group = "Scope"},
              {.key = "tags",
               .label = "Tags",
               .type = T::text_list,
               .hint = "One per line.",
               .group = "Scope",
               .searchable = true},
              {.key = "model_ids",
               .label = "Models",
               .type = T::record_ref,
               .group = "Built from",
               .target = "model",
               .many = true,
               .csv_key = "models"},
              {.key = "dataset_ids",
               .label = "Datasets",
               .type = T::record_ref,
               .group = "Built from",
               .target = "dataset",
               .many = true,
               .csv_key = "datasets"},
              {.key = "supplier_ids",
               .label = "Suppliers",
               .type = T::record_ref,
               .group = "Built from",
               .target = "supplier",
               .many = true,
               .csv_key = "suppliers"},
          },
      .unique_title = true,
      .list_columns = {"name", "owner_id", "lifecycle_stage", "eu_ai_act_class", "risk_tier",
                       "in_scope"},
      .filters = {"lifecycle_stage", "eu_ai_act_class", "risk_tier", "owner_id", "in_scope", "tags",
                  "model_ids", "dataset_ids", "supplier_ids"},
      .sort_keys = {"lifecycle_stage", "eu_ai_act_class", "risk_tier"},
      .nav = {.group = "Inventory",
              .group_order = 10,
              .label = "AI systems",
              .section = "systems",
              .order = 10},
      .hooks = {.check = ai_system_rules, .compute = ai_system_tidy},
  };
}

Description make_models() {
  return {
      .type = "model",
      .table = "models",
      .singular = "model",
      .plural = "models",
      .api_path = "/api/v1/models",
      .page_path = "/inventory/models",
      .command = "models",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "model_version",
               .label = "Version",
               .required = true,
               .hint = "e.g. 3.2.0",
               .group = "Identity",
               .searchable = true},
              {.key = "model_type",
               .label = "Type",
               .type = T::choice,
               .required = true,
               .choices = {{"classifier", "Classifier"},
                           {"regressor", "Regressor"},
                           {"ranking", "Ranking"},
                           {"generative", "Generative / LLM"},
                           {"rules", "Rules-based"},
                           {"other", "Other"}},
               .group = "Identity"},
              {.key = "provider",
               .label = "Provided by",
               .type = T::choice,
               .required = true,
               .choices = {{"in_house", "In-house"}, {"supplier", "A supplier"}},
               .group = "Identity",
               .default_value = "in_house"},
              {.key = "supplier_id",
               .label = "Supplier",
               .type = T::record_ref,
               .hint = "Required when the model comes from a supplier.",
               .group = "Identity",
               .target = "supplier",
               .csv_key = "supplier"},
              {.key = "intended_use",
               .label = "Intended use",
               .type = T::long_text,
               .group = "Use and limits",
               .searchable = true},
              {.key = "limitations",
               .label = "Limitations",
               .type = T::long_text,
               .group = "Use and limits"},
              {.key = "evaluation_summary",
               .label = "Evaluation summary",
               .type = T::long_text,
               .hint = "Test data, metrics and results that justify its use.",
               .group = "Use and limits"},
              {.key = "model_card.modelParameters.approach.type",
               .label = "Learning approach",
               .type = T::choice,
               .choices = {{"supervised", "Supervised"},
                           {"unsupervised", "Unsupervised"},
                           {"reinforcement-learning", "Reinforcement learning"},
                           {"semi-supervised", "Semi-supervised"},
                           {"self-supervised", "Self-supervised"}},
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_approach_type"},
              {.key = "model_card.modelParameters.task",
               .label = "Task",
               .hint = "e.g. binary classification",
               .group = "Model card (CycloneDX 1.6)",
               .searchable = true,
               .column = "mc_task"},
              {.key = "model_card.modelParameters.architectureFamily",
               .label = "Architecture family",
               .hint = "e.g. gradient-boosted trees, transformer",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_architecture_family"},
              {.key = "model_card.modelParameters.modelArchitecture",
               .label = "Model architecture",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_model_architecture"},
              {.key = "model_card.considerations.users",
               .label = "Intended users",
               .type = T::text_list,
               .hint = "One per line.",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_users"},
              {.key = "model_card.considerations.useCases",
               .label = "Use cases",
               .type = T::text_list,
               .hint = "One per line.",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_use_cases"},
              {.key = "model_card.considerations.technicalLimitations",
               .label = "Technical limitations",
               .type = T::text_list,
               .hint = "One per line.",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_technical_limitations"},
              {.key = "model_card.considerations.performanceTradeoffs",
               .label = "Performance trade-offs",
               .type = T::text_list,
               .hint = "One per line.",
               .group = "Model card (CycloneDX 1.6)",
               .column = "mc_performance_tradeoffs"},
              {.key = "artefact_location",
               .label = "Artefact location",
               .hint = "Registry or storage URI of the trained artefact.",
               .group = "Artefact"},
              {.key = "artefact_sha256",
               .label = "Artefact SHA-256",
               .type = T::sha256,
               .hint = "64 hex digits; pins exactly which artefact was assessed.",
               .group = "Artefact"},
              {.key = "dataset_ids",
               .label = "Training datasets",
               .type = T::record_ref,
               .group = "Training data",
               .target = "dataset",
               .many = true,
               .csv_key = "training_datasets"},
              // The data module's register; a reference resolves its target by type when it is
              // used, so this description needs no order among the modules' define_registers.
              version_ref("trained_on_ids", "Trained on", "trained_on"),
              version_ref("validated_on_ids", "Validated on", "validated_on"),
              version_ref("tested_on_ids", "Tested on", "tested_on"),
          },
      .unique_title = true,
      .list_columns = {"name", "model_version", "model_type", "provider", "supplier_id"},
      .filters = {"model_type", "provider", "supplier_id", "dataset_ids", "trained_on_ids"},
      .sort_keys = {"model_type"},
      .nav = {.group = "Inventory",
              .group_order = 10,
              .label = "Models",
              .section = "models",
              .order = 20},
      .hooks = {.check = model_rules,
                .display_name =
                    [](const Record& r) { return r.text("name") + " " + r.text("model_version"); }},
  };
}

Description make_datasets() {
  return {
      .type = "dataset",
      .table = "datasets",
      .singular = "dataset",
      .plural = "datasets",
      .api_path = "/api/v1/datasets",
      .page_path = "/inventory/datasets",
      .command = "datasets",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "source",
               .label = "Source",
               .required = true,
               .hint = "Where the data comes from.",
               .group = "Identity",
               .searchable = true},
              {.key = "collection_method",
               .label = "Collection method",
               .type = T::long_text,
               .group = "Identity"},
              {.key = "steward_id",
               .label = "Data steward",
               .type = T::user_ref,
               .group = "Identity",
               .responsible = true},
              {.key = "provenance_who",
               .label = "Provenance: who collected it",
               .group = "Provenance (A.7.5)"},
              {.key = "provenance_when",
               .label = "Provenance: when",
               .type = T::date,
               .group = "Provenance (A.7.5)"},
              {.key = "licence",
               .label = "Licence",
               .group = "Provenance (A.7.5)",
               .searchable = true},
              {.key = "personal_data",
               .label = "Contains personal data",
               .type = T::flag,
               .group = "Personal data"},
              {.key = "consent_status",
               .label = "Consent or lawful basis",
               .type = T::choice,
               .required = true,
               .choices = {{"not_applicable", "Not applicable (no personal data)"},
                           {"obtained", "Consent obtained"},
                           {"other_basis", "Another lawful basis"},
                           {"pending", "Pending"},
                           {"unknown", "Unknown"}},
               .group = "Personal data",
               .default_value = "not_applicable"},
              {.key = "sensitive_attributes",
               .label = "Sensitive attributes present",
               .type = T::text_list,
               .hint = "e.g. sex, age, ethnicity; one per line.",
               .group = "Personal data"},
              {.key = "demographic_coverage",
               .label = "Demographic coverage",
               .type = T::long_text,
               .hint = "Which groups are well or poorly represented.",
               .group = "Quality (A.7.4)"},
              {.key = "record_count",
               .label = "Records",
               .type = T::integer,
               .group = "Quality (A.7.4)"},
              {.key = "quality_checks",
               .label = "Quality checks done",
               .type = T::long_text,
               .group = "Quality (A.7.4)"},
              {.key = "retention",
               .label = "Retention rule",
               .hint = "e.g. 7 years after last use",
               .group = "Retention"},
              {.key = "disposal_date",
               .label = "Disposal date",
               .type = T::date,
               .group = "Retention",
               .due = true},
          },
      .unique_title = true,
      .list_columns = {"name", "source", "personal_data", "consent_status", "steward_id"},
      .filters = {"personal_data", "consent_status", "steward_id"},
      .sort_keys = {"consent_status", "disposal_date"},
      .nav = {.group = "Inventory",
              .group_order = 10,
              .label = "Datasets",
              .section = "datasets",
              .order = 30},
      .hooks = {.check = dataset_rules},
  };
}

Description make_suppliers() {
  return {
      .type = "supplier",
      .table = "suppliers",
      .singular = "supplier",
      .plural = "suppliers",
      .api_path = "/api/v1/suppliers",
      .page_path = "/inventory/suppliers",
      .command = "suppliers",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "provides",
               .label = "Provides",
               .type = T::choice,
               .required = true,
               .choices = {{"model_api", "Model API"},
                           {"data", "Data"},
                           {"platform", "Platform"},
                           {"service", "Service"}},
               .group = "Identity"},
              {.key = "description",
               .label = "What exactly",
               .type = T::long_text,
               .group = "Identity",
               .searchable = true},
              {.key = "relationship_owner_id",
               .label = "Relationship owner",
               .type = T::user_ref,
               .hint = "Answers for the supplier; may not decide on its assessment.",
               .group = "Identity",
               .csv_key = "relationship_owner_email",
               .responsible = true},
              {.key = "criticality",
               .label = "Criticality",
               .type = T::choice,
               .choices = {{"low", "Low"}, {"medium", "Medium"}, {"high", "High"}},
               .hint = "High when an AI system stops or harms people if the supplier fails: such "
                       "a supplier needs an exit plan tested every 12 months.",
               .group = "Identity"},
              {.key = "contact_name", .label = "Contact", .group = "Identity", .searchable = true},
              {.key = "contact_email",
               .label = "Contact email",
               .type = T::email,
               .group = "Identity"},
              {.key = "clause_data_use",
               .label = "Contract limits the use of our data",
               .type = T::flag,
               .group = "Contract (A.10.3)"},
              {.key = "clause_change_notice",
               .label = "Contract requires notice of changes",
               .type = T::flag,
               .group = "Contract (A.10.3)"},
              {.key = "clause_incident_notice",
               .label = "Contract requires notice of incidents",
               .type = T::flag,
               .group = "Contract (A.10.3)"},
              {.key = "assessment_status",
               .label = "Assessment",
               .type = T::choice,
               .required = true,
               .choices = {{"not_started", "Not started"},
                           {"in_progress", "In progress"},
                           {"approved", "Approved"},
                           {"approved_with_conditions", "Approved with conditions"},
                           {"rejected", "Rejected"}},
               .group = "Assessment",
               .default_value = "not_started"},
              {.key = "last_review",
               .label = "Last review",
               .type = T::date,
               .group = "Assessment"},
              {.key = "next_review",
               .label = "Next review",
               .type = T::date,
               .hint = "Set by the decision on its latest supplier assessment.",
               .group = "Assessment",
               .due = true},
              {.key = "evaluation_interval_months",
               .label = "Evaluate every (months)",
               .type = T::integer,
               .hint = "How often what it delivers is evaluated: monthly (1) for a model API "
                       "whose outputs drive decisions.",
               .group = "Assessment",
               .min = 1,
               .max = 36},
              {.key = "next_evaluation_due",
               .label = "Next evaluation due",
               .type = T::date,
               .hint = "Set by its latest supplier evaluation.",
               .group = "Assessment",
               .due = true,
               .past_due_label = "evaluation overdue",
               .read_only = true},
          },
      .unique_title = true,
      .list_columns = {"name", "provides", "criticality", "assessment_status", "next_review",
                       "relationship_owner_id"},
      .filters = {"provides", "criticality", "assessment_status", "relationship_owner_id"},
      .sort_keys = {"assessment_status", "next_review", "next_evaluation_due"},
      .nav = {.group = "Inventory",
              .group_order = 10,
              .label = "Suppliers",
              .section = "suppliers",
              .order = 40},
      .hooks = {.check = supplier_rules},
  };
}

}  // namespace

const records::Description& ai_systems() {
  static const Description d = make_ai_systems();
  return d;
}

const records::Description& models() {
  static const Description d = make_models();
  return d;
}

const records::Description& datasets() {
  static const Description d = make_datasets();
  return d;
}

const records::Description& suppliers() {
  static const Description d = make_suppliers();
  return d;
}

const std::vector<const records::Description*>& registers() {
  static const std::vector<const Description*> all = {&ai_systems(), &models(), &datasets(),
                                                      &suppliers()};
  return all;
}

void define_registers() {
  for (const Description* d : registers())
    records::define(*d);
  define_readiness_rules();
}

}  // namespace aims::inventory
