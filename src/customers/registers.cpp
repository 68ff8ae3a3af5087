// Customers, customer notices and responsibilities as descriptions on the records platform, and
// their rules.
#include "customers/customers.h"
#include "customers/readiness_rules.h"

namespace aims::customers {
namespace {

using records::Choice;
using records::Description;
using records::Problems;
using records::Record;
using T = records::FieldType;

const Choice kOther = {"other", "Another duty (in your words)"};

// "Art. 9 Risk management system": the labels live as long as the program, as Choice needs.
std::vector<Choice> duty_choices() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> out;
    for (const auto& d : all_duties())
      out.push_back(std::string(d.article) + " " + d.title);
    return out;
  }();
  std::vector<Choice> out;
  for (size_t i = 0; i < all_duties().size(); ++i)
    out.push_back({all_duties()[i].key, labels[i].c_str()});
  out.push_back(kOther);
  return out;
}

void customer_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("acknowledged_on") && !r.is_set("obligations_acknowledged"))
    p.add("obligations_acknowledged", "say which obligations the customer acknowledged");
  if (r.is_set("acknowledged_by") && !r.is_set("acknowledged_on"))
    p.add("acknowledged_on", "give the day the obligations were acknowledged");
}

void notice_rules(const Record& r, const Record*, Problems& p) {
  if (r.text("kind") == "incident" && !r.number("incident_id"))
    p.add("incident_id", "name the incident this notice is about");
  const std::string sent = r.text("sent_at"), acknowledged = r.text("acknowledged_on");
  if (!sent.empty() && !acknowledged.empty() && acknowledged < sent.substr(0, 10))
    p.add("acknowledged_on", "a notice cannot be acknowledged before it was sent");
}

void responsibility_rules(const Record& r, const Record*, Problems& p) {
  if (r.text("duty") == "other" && !r.is_set("duty_text"))
    p.add("duty_text", "write the duty in your words");
  const std::string party = r.text("party");
  if (party == "supplier" && !r.number("supplier_id"))
    p.add("supplier_id", "name the supplier that carries this duty");
  if (party != "supplier" && r.number("supplier_id"))
    p.add("supplier_id", "a supplier is named only when the party is a supplier");
  if (party == "customer" && !r.number("customer_id"))
    p.add("customer_id", "name the customer that carries this duty");
  if (party != "customer" && r.number("customer_id"))
    p.add("customer_id", "a customer is named only when the party is a customer");
  if (party == "organisation" && !r.number("accountable_id"))
    p.add("accountable_id", "name the person who answers for our own duty");
  const std::string status = r.text("status");
  if (status == "agreed" && party.empty())
    p.add("party", "a duty is agreed only once a party carries it");
  if (status == "not_applicable" && !r.is_set("how_met"))
    p.add("how_met", "explain why this duty does not apply to the system");
}

// A responsibility is known by its duty.
void responsibility_title(Record& r) {
  const std::string duty = r.text("duty");
  if (duty == "other") {
    r.values["title"] = r.text("duty_text");
    return;
  }
  for (const auto& d : all_duties())
    if (duty == d.key) r.values["title"] = std::string(d.article) + " " + d.title;
}

records::Navigation third_parties(const char* label, const char* section, int order) {
  return {.group = "Third parties",
          .group_order = 14,
          .label = label,
          .section = section,
          .order = order};
}

Description make_customers() {
  return {
      .type = "customer",
      .table = "customers",
      .singular = "customer",
      .plural = "customers",
      .api_path = "/api/v1/customers",
      .page_path = "/third-parties/customers",
      .command = "customers",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Customer",
               .searchable = true},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"business", "A business"},
                           {"public_body", "A public body"},
                           {"consumer_segment", "A segment of consumers"}},
               .group = "Customer",
               .default_value = "business"},
              {.key = "contact",
               .label = "Contact",
               .hint = "Who to write to, e.g. their AI governance lead.",
               .group = "Customer",
               .searchable = true},
              {.key = "contract_reference",
               .label = "Contract reference",
               .group = "Customer",
               .searchable = true},
              {.key = "owner_id",
               .label = "Relationship owner",
               .type = T::user_ref,
               .group = "Customer",
               .responsible = true},
              {.key = "system_ids",
               .label = "AI systems received",
               .type = T::record_ref,
               .hint = "The AI systems, or the products built on them, this customer receives.",
               .group = "What they receive",
               .target = "ai_system",
               .many = true,
               .csv_key = "ai_systems"},
              {.key = "information_received",
               .label = "Information received",
               .type = T::long_text,
               .hint = "What they were given to use the systems well: purpose, limits, oversight.",
               .group = "What they receive",
               .searchable = true},
              {.key = "document_ids",
               .label = "Documents received",
               .type = T::record_ref,
               .hint = "The instructions for use and other documents, in the version sent.",
               .group = "What they receive",
               .target = "document",
               .many = true,
               .csv_key = "documents"},
              {.key = "obligations_acknowledged",
               .label = "Obligations acknowledged",
               .type = T::long_text,
               .hint = "What the customer agreed to do (their duties as deployer, for instance).",
               .group = "Acknowledgement"},
              {.key = "acknowledged_on",
               .label = "Acknowledged on",
               .type = T::date,
               .group = "Acknowledgement"},
              {.key = "acknowledged_by",
               .label = "Acknowledged by",
               .hint = "The customer's signatory, by name and role.",
               .group = "Acknowledgement"},
              {.key = "next_review",
               .label = "Next review",
               .type = T::date,
               .group = "Acknowledgement",
               .due = true},
          },
      .unique_title = true,
      .list_columns = {"name", "kind", "system_ids", "acknowledged_on", "owner_id", "next_review"},
      .filters = {"kind", "system_ids", "owner_id"},
      .sort_keys = {"acknowledged_on", "next_review"},
      .nav = third_parties("Customers", "customers", 40),
      .hooks = {.check = customer_rules},
  };
}

Description make_customer_notices() {
  return {
      .type = "customer_notice",
      .table = "customer_notices",
      .singular = "customer notice",
      .plural = "customer notices",
      .api_path = "/api/v1/customer-notices",
      .page_path = "/third-parties/customer-notices",
      .command = "customer-notices",
      .fields =
          {
              {.key = "title",
               .label = "Subject",
               .required = true,
               .group = "Notice",
               .searchable = true},
              {.key = "customer_ids",
               .label = "Customers",
               .type = T::record_ref,
               .required = true,
               .group = "Notice",
               .target = "customer",
               .many = true,
               .csv_key = "customers"},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"system_change", "A change to an AI system"},
                           {"incident", "An incident"},
                           {"new_instructions", "New instructions for use"},
                           {"end_of_service", "The end of a service"}},
               .group = "Notice"},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .group = "Notice",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "incident_id",
               .label = "Incident",
               .type = T::record_ref,
               .hint = "For a notice about an incident.",
               .group = "Notice",
               .target = "incident",
               .csv_key = "incident"},
              {.key = "content",
               .label = "Content",
               .type = T::long_text,
               .required = true,
               .group = "Notice",
               .searchable = true},
              {.key = "sent_at", .label = "Sent", .type = T::date_time, .group = "Sending"},
              {.key = "sent_by_id", .label = "Sent by", .type = T::user_ref, .group = "Sending"},
              {.key = "channel",
               .label = "Channel",
               .type = T::choice,
               .choices = {{"email", "Email"},
                           {"portal", "Customer portal"},
                           {"letter", "Letter"},
                           {"meeting", "Meeting"},
                           {"phone", "Phone call"}},
               .group = "Sending"},
              {.key = "acknowledged_on",
               .label = "Acknowledged on",
               .type = T::date,
               .group = "Sending"},
          },
      .title_field = "title",
      .list_columns = {"title", "kind", "customer_ids", "system_id", "sent_at", "acknowledged_on"},
      .filters = {"kind", "customer_ids", "system_id", "incident_id", "channel"},
      .sort_keys = {"sent_at"},
      .default_sort = "-created_at",
      .nav = third_parties("Customer notices", "customer-notices", 50),
      .hooks = {.check = notice_rules},
  };
}

Description make_responsibilities() {
  return {
      .type = "responsibility",
      .table = "responsibilities",
      .singular = "responsibility",
      .plural = "responsibilities",
      .api_path = "/api/v1/responsibilities",
      .page_path = "/third-parties/responsibilities",
      .command = "responsibilities",
      .fields =
          {
              {.key = "title",
               .label = "Duty",
               .group = "Duty",
               .searchable = true,
               .computed = true},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Duty",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "duty",
               .label = "Duty under the EU AI Act",
               .type = T::choice,
               .required = true,
               .choices = duty_choices(),
               .group = "Duty"},
              {.key = "duty_text",
               .label = "Duty in your words",
               .hint = "For another duty: a contract clause, a sector rule.",
               .group = "Duty",
               .searchable = true},
              {.key = "party",
               .label = "Party",
               .type = T::choice,
               .choices = {{"organisation", "Our organisation"},
                           {"supplier", "A supplier"},
                           {"customer", "A customer"}},
               .hint = "Leave empty while it is not settled who carries the duty.",
               .group = "Who carries it"},
              {.key = "supplier_id",
               .label = "Supplier",
               .type = T::record_ref,
               .group = "Who carries it",
               .target = "supplier",
               .csv_key = "supplier"},
              {.key = "customer_id",
               .label = "Customer",
               .type = T::record_ref,
               .group = "Who carries it",
               .target = "customer",
               .csv_key = "customer"},
              {.key = "accountable_id",
               .label = "Accountable person",
               .type = T::user_ref,
               .hint = "For our own duties: who answers for it.",
               .group = "Who carries it",
               .responsible = true},
              {.key = "status",
               .label = "Status",
               .type = T::choice,
               .required = true,
               .choices = {{"not_agreed", "Not yet agreed"},
                           {"agreed", "Agreed"},
                           {"not_applicable", "Does not apply"}},
               .group = "Who carries it",
               .default_value = "not_agreed"},
              {.key = "how_met",
               .label = "How it is met",
               .type = T::long_text,
               .hint = "The process, contract clause or control that meets the duty; for a duty "
                       "that does not apply, why.",
               .group = "How it is met",
               .searchable = true},
              {.key = "evidence_ids",
               .label = "Evidence",
               .type = T::record_ref,
               .group = "How it is met",
               .target = "evidence",
               .many = true,
               .csv_key = "evidence"},
              {.key = "document_ids",
               .label = "Documents",
               .type = T::record_ref,
               .group = "How it is met",
               .target = "document",
               .many = true,
               .csv_key = "documents"},
          },
      .title_field = "title",
      .list_columns = {"title", "system_id", "party", "supplier_id", "customer_id", "status"},
      .filters = {"system_id", "duty", "party", "supplier_id", "customer_id", "accountable_id",
                  "status"},
      .sort_keys = {"status"},
      .nav = third_parties("Responsibilities", "responsibilities", 60),
      .hooks = {.check = responsibility_rules, .compute = responsibility_title},
  };
}

}  // namespace

const records::Description& customers() {
  static const records::Description d = make_customers();
  return d;
}

const records::Description& customer_notices() {
  static const records::Description d = make_customer_notices();
  return d;
}

const records::Description& responsibilities() {
  static const records::Description d = make_responsibilities();
  return d;
}

void define_registers() {
  records::define(customers());
  records::define(customer_notices());
  records::define(responsibilities());
  define_readiness_rules();
}

}  // namespace aims::customers
