// Interested parties and their requirements (clause 4.2) as descriptions on the records platform,
// with the rule that a requirement said to be addressed shows how. A party's page lists its
// requirements under "Referred to by", so no page of its own is written for that.
#include "context/context.h"
#include "context/fields.h"

namespace aims::context {
namespace {

using records::Problems;
using records::Record;
using T = records::FieldType;

records::Description make_parties() {
  return {
      .type = "interested_party",
      .table = "interested_parties",
      .singular = "interested party",
      .plural = "interested parties",
      .api_path = "/api/v1/interested-parties",
      .page_path = "/context/parties",
      .command = "interested-parties",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Party",
               .searchable = true},
              origin_field("Party"),
              {.key = "party_type",
               .label = "Type",
               .type = T::choice,
               .required = true,
               .choices = {{"regulator", "Regulator or supervisor"},
                           {"customer", "Customer"},
                           {"affected_individuals", "Affected individuals"},
                           {"employees", "Employees"},
                           {"supplier_partner", "Supplier or partner"},
                           {"investor_board", "Investor or board"},
                           {"certification_body", "Certification body"},
                           {"civil_society", "Civil society"},
                           {"other", "Other"}},
               .group = "Party",
               .default_value = "customer"},
              {.key = "contact",
               .label = "Contact",
               .hint = "Who or where at the party: a team, an address, a supervisor's desk.",
               .group = "Party"},
              owner_field("Party", "Keeps the relationship and the party's requirements current."),
              {.key = "interest",
               .label = "Interest in the AIMS",
               .type = T::long_text,
               .required = true,
               .hint = "What they expect of the organisation's use of AI, and why.",
               .group = "Party",
               .searchable = true},
          },
      .unique_title = true,
      .list_columns = {"name", "origin", "party_type", "owner_id"},
      .filters = {"origin", "party_type", "owner_id"},
      .sort_keys = {"party_type"},
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "Interested parties",
              .section = "interested-parties",
              .order = 20},
  };
}

void requirement_rules(const Record& r, const Record*, Problems& p) {
  const std::string decision = r.text("decision");
  if (decision == "not_applicable" && !r.is_set("not_applicable_reason"))
    p.add("not_applicable_reason", "say why the requirement does not apply");
  const bool says_how = r.is_set("how_addressed") || !r.ids("document_ids").empty() ||
                        !r.ids("risk_ids").empty() || !r.ids("soa_entry_ids").empty();
  if ((decision == "addressed" || decision == "partly") && !says_how)
    p.add("how_addressed",
          "link the documents, risks or SoA entries that address it, or say how it is addressed");
}

// A reason for not applying belongs to that decision only.
void tidy_reason(Record& r) {
  if (r.text("decision") != "not_applicable") r.values["not_applicable_reason"] = std::string();
}

records::Field linked(const char* key, const char* label, const char* target, const char* csv_key) {
  return {.key = key,
          .label = label,
          .type = T::record_ref,
          .group = "How the AIMS addresses it",
          .target = target,
          .many = true,
          .csv_key = csv_key};
}

records::Description make_requirements() {
  return {
      .type = "interested_party_requirement",
      .table = "interested_party_requirements",
      .singular = "requirement of an interested party",
      .plural = "requirements of interested parties",
      .api_path = "/api/v1/interested-party-requirements",
      .page_path = "/context/requirements",
      .command = "party-requirements",
      .fields =
          {
              {.key = "title",
               .label = "Requirement",
               .required = true,
               .hint = "What the party requires, in a sentence.",
               .group = "Requirement",
               .searchable = true},
              {.key = "party_id",
               .label = "Interested party",
               .type = T::record_ref,
               .required = true,
               .group = "Requirement",
               .target = "interested_party",
               .csv_key = "interested_party"},
              {.key = "source",
               .label = "Source",
               .type = T::choice,
               .required = true,
               .choices = {{"law_regulation", "Law or regulation"},
                           {"contract", "Contract"},
                           {"voluntary_commitment", "Voluntary commitment"},
                           {"societal_expectation", "Societal expectation"},
                           {"climate_related", "Climate-related"}},
               .group = "Requirement",
               .default_value = "law_regulation"},
              {.key = "detail",
               .label = "Detail",
               .type = T::long_text,
               .hint = "The article, clause or commitment it comes from, and what it asks.",
               .group = "Requirement",
               .searchable = true},
              {.key = "decision",
               .label = "Addressed by the AIMS",
               .type = T::choice,
               .choices = {{"addressed", "Addressed"},
                           {"partly", "Partly addressed"},
                           {"not_yet", "Not yet addressed"},
                           {"not_applicable", "Not applicable"}},
               .hint = "Left empty until someone decides.",
               .group = "How the AIMS addresses it",
               .choice_groups = {{"open", "Not yet or partly", {"not_yet", "partly"}}}},
              {.key = "how_addressed",
               .label = "How it is addressed",
               .type = T::long_text,
               .group = "How the AIMS addresses it"},
              {.key = "not_applicable_reason",
               .label = "Why it does not apply",
               .type = T::long_text,
               .group = "How the AIMS addresses it"},
              linked("document_ids", "Documents", "document", "documents"),
              linked("risk_ids", "Risks", "risk", "risks"),
              linked("soa_entry_ids", "SoA entries", "soa_entry", "soa_entries"),
              owner_field("Review"),
              review_field("Review"),
          },
      .title_field = "title",
      .list_columns = {"title", "party_id", "source", "decision", "owner_id", "next_review"},
      .filters = {"party_id", "source", "decision", "owner_id"},
      .sort_keys = {"decision", "next_review"},
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "Requirements of parties",
              .section = "party-requirements",
              .order = 30},
      .hooks = {.check = requirement_rules, .compute = tidy_reason},
  };
}

}  // namespace

const records::Description& parties() {
  static const records::Description d = make_parties();
  return d;
}

const records::Description& requirements() {
  static const records::Description d = make_requirements();
  return d;
}

}  // namespace aims::context
