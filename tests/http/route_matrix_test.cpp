// Every route, tried with every role and with no credentials. The expected statuses are written
// out by hand from the product's role descriptions, not derived from the permission table, so a
// wrong entry in that table fails here.
#include <set>

#include <gtest/gtest.h>

#include "concerns/concerns.h"
#include "context/context.h"
#include "controls/controls.h"
#include "customers/customers.h"
#include "data/data.h"
#include "data_quality/data_quality.h"
#include "documents/documents.h"
#include "http/openapi.h"
#include "impact/impact.h"
#include "improvement/improvement.h"
#include "internal_audit/internal_audit.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "lifecycle/lifecycle.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"
#include "oversight/oversight.h"
#include "records/backdated.h"
#include "records/records.h"
#include "resources/resources.h"
#include "retention/retention.h"
#include "review/review.h"
#include "risk/risk.h"
#include "roles/roles.h"
#include "suppliers/suppliers.h"
#include "support/test_server.h"
#include "technical_file/technical_file.h"
#include "transparency/transparency.h"

namespace aims {
namespace {

using auth::Role;
using testing::HttpClient;
using testing::TestServer;

constexpr int kAnon = 5;  // column for "no credentials"

struct Probe {
  std::string method;
  std::string pattern;  // as registered
  std::string target;   // with ids filled in by the fixture ("{user}", "{token}")
  std::string body;     // "" = none; JSON for /api, form text for pages
  // admin, aims-manager, contributor, auditor, viewer, anonymous
  std::array<int, 6> expected;
  bool fresh_session = false;  // the probe ends the session (logout)
};

// Allowed probes send input that fails validation (422), names a record that does not exist
// (404) or a stale version (412), so the matrix itself writes nothing.
const std::vector<Probe>& probes() {
  static const std::vector<Probe> all = {
      {"GET", "/healthz", "/healthz", "", {200, 200, 200, 200, 200, 200}},
      {"GET", "/readyz", "/readyz", "", {200, 200, 200, 200, 200, 200}},
      {"GET", "/metrics", "/metrics", "", {200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", "", {200, 200, 200, 200, 200, 200}},
      {"GET", "/static/style.css", "/static/style.css", "", {200, 200, 200, 200, 200, 200}},
      {"GET", "/static/app.js", "/static/app.js", "", {200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/auth/login", "/api/v1/auth/login", "{}", {422, 422, 422, 422, 422, 422}},
      {"POST",
       "/api/v1/auth/logout",
       "/api/v1/auth/logout",
       "{}",
       {204, 204, 204, 204, 204, 401},
       true},
      {"GET", "/api/v1/me", "/api/v1/me", "", {200, 200, 200, 200, 200, 401}},
      {"POST", "/api/v1/me/password", "/api/v1/me/password", "{}", {422, 422, 422, 422, 422, 401}},
      {"GET", "/api/v1/users", "/api/v1/users", "", {200, 403, 403, 403, 403, 401}},
      {"POST", "/api/v1/users", "/api/v1/users", "{}", {422, 403, 403, 403, 403, 401}},
      {"GET", "/api/v1/users/{id}", "/api/v1/users/{user}", "", {200, 403, 403, 403, 403, 401}},
      {"PATCH", "/api/v1/users/{id}", "/api/v1/users/{user}", "{}", {412, 403, 403, 403, 403, 401}},
      {"GET", "/api/v1/api-tokens", "/api/v1/api-tokens", "", {200, 403, 403, 403, 403, 401}},
      {"POST", "/api/v1/api-tokens", "/api/v1/api-tokens", "{}", {422, 403, 403, 403, 403, 401}},
      {"GET",
       "/api/v1/api-tokens/{id}",
       "/api/v1/api-tokens/{token}",
       "",
       {200, 403, 403, 403, 403, 401}},
      {"DELETE",
       "/api/v1/api-tokens/{id}",
       "/api/v1/api-tokens/999999",
       "",
       {404, 403, 403, 403, 403, 401}},
      {"GET", "/api/v1/audit-events", "/api/v1/audit-events", "", {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/api/v1/audit-events/verification",
       "/api/v1/audit-events/verification",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/api/v1/audit-checkpoints",
       "/api/v1/audit-checkpoints",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/api/v1/audit-checkpoints/public-key",
       "/api/v1/audit-checkpoints/public-key",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"GET", "/login", "/login", "", {303, 303, 303, 303, 303, 200}},
      {"POST", "/login", "/login", "email=x", {403, 403, 403, 403, 403, 403}},
      {"POST", "/logout", "/logout", "", {303, 303, 303, 303, 303, 303}, true},
      {"GET", "/", "/", "", {200, 200, 200, 200, 200, 303}},
      {"GET", "/account", "/account", "", {200, 200, 200, 200, 200, 303}},
      {"POST",
       "/account/password",
       "/account/password",
       "current_password=wrong",
       {422, 422, 422, 422, 422, 303}},
      {"GET", "/admin/users", "/admin/users", "", {200, 403, 403, 403, 403, 303}},
      {"POST", "/admin/users", "/admin/users", "email=", {422, 403, 403, 403, 403, 303}},
      {"GET", "/admin/users/{id}", "/admin/users/{user}", "", {200, 403, 403, 403, 403, 303}},
      {"POST",
       "/admin/users/{id}",
       "/admin/users/{user}",
       "version=999",
       {412, 403, 403, 403, 403, 303}},
      {"GET", "/admin/tokens", "/admin/tokens", "", {200, 403, 403, 403, 403, 303}},
      {"POST", "/admin/tokens", "/admin/tokens", "name=", {422, 403, 403, 403, 403, 303}},
      {"POST",
       "/admin/tokens/{id}/revoke",
       "/admin/tokens/999999/revoke",
       "",
       {404, 403, 403, 403, 403, 303}},
      {"GET", "/audit-trail", "/audit-trail", "", {200, 200, 200, 200, 200, 303}},
      {"GET", "/api/v1/scope", "/api/v1/scope", "", {200, 200, 200, 200, 200, 401}},
      {"GET", "/api/v1/search", "/api/v1/search?q=matrix", "", {200, 200, 200, 200, 200, 401}},
      {"GET", "/search", "/search?q=matrix", "", {200, 200, 200, 200, 200, 303}},
      {"GET", "/my-work", "/my-work", "", {200, 200, 200, 200, 200, 303}},
      {"GET", "/api/v1/my-work", "/api/v1/my-work", "", {200, 200, 200, 200, 200, 401}},
      // Every person may keep a calendar link of their own: made (201), revoked (204), revoked
      // again (404), made on the account page (200, the link shown once).
      {"GET",
       "/api/v1/me/calendar-token",
       "/api/v1/me/calendar-token",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"POST",
       "/api/v1/me/calendar-token",
       "/api/v1/me/calendar-token",
       "",
       {201, 201, 201, 201, 201, 401}},
      {"DELETE",
       "/api/v1/me/calendar-token",
       "/api/v1/me/calendar-token",
       "",
       {204, 204, 204, 204, 204, 401}},
      {"POST",
       "/account/calendar-token/revoke",
       "/account/calendar-token/revoke",
       "x=1",
       {404, 404, 404, 404, 404, 303}},
      {"POST",
       "/account/calendar-token",
       "/account/calendar-token",
       "x=1",
       {200, 200, 200, 200, 200, 303}},
      // The feed is public: its token is the credential, and a wrong one is simply not there.
      {"GET",
       "/calendar/{file}",
       "/calendar/aimscal_not-a-token.ics",
       "",
       {404, 404, 404, 404, 404, 404}},
      {"PUT",
       "/api/v1/scope",
       "/api/v1/scope",
       R"({"statement":"x"})",
       {412, 412, 403, 403, 403, 401}},
      {"GET", "/inventory/scope", "/inventory/scope", "", {200, 200, 200, 200, 200, 303}},
      {"POST",
       "/inventory/scope",
       "/inventory/scope",
       "version=999&statement=x",
       {412, 412, 403, 403, 403, 303}},
  };
  return all;
}

// Monitoring and incidents. Uploads without a log are refused (400) before anything is read.
std::vector<Probe> monitoring_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {
      {"GET", "/api/v1/monitors", "/api/v1/monitors", "", read_api},
      {"POST", "/api/v1/monitors", "/api/v1/monitors", "{}", {422, 422, 422, 403, 403, 401}},
      {"GET", "/api/v1/monitors/{id}", "/api/v1/monitors/{monitor}", "", read_api},
      {"PATCH",
       "/api/v1/monitors/{id}",
       "/api/v1/monitors/{monitor}",
       "{}",
       {412, 412, 412, 403, 403, 401}},
      {"POST",
       "/api/v1/monitors/{id}/archive",
       "/api/v1/monitors/999999/archive",
       "",
       {404, 404, 403, 403, 403, 401}},
      {"POST",
       "/api/v1/monitors/{id}/restore",
       "/api/v1/monitors/999999/restore",
       "",
       {404, 404, 403, 403, 403, 401}},
      {"POST",
       "/api/v1/monitors/{id}/reference",
       "/api/v1/monitors/{monitor}/reference",
       "",
       {400, 400, 400, 403, 403, 401}},
      {"POST",
       "/api/v1/monitors/{id}/runs",
       "/api/v1/monitors/{monitor}/runs",
       "",
       {400, 400, 400, 403, 403, 401}},
      {"GET", "/api/v1/monitors/{id}/runs", "/api/v1/monitors/{monitor}/runs", "", read_api},
      {"GET", "/api/v1/monitors/{id}/trend", "/api/v1/monitors/{monitor}/trend?metric=drift.psi",
       "", read_api},
      {"GET",
       "/api/v1/monitor-runs/{id}",
       "/api/v1/monitor-runs/999999",
       "",
       {404, 404, 404, 404, 404, 401}},
      {"GET", "/api/v1/alerts", "/api/v1/alerts", "", read_api},
      {"PATCH",
       "/api/v1/alerts/{id}",
       "/api/v1/alerts/999999",
       "{}",
       {422, 422, 422, 403, 403, 401}},
      {"GET", "/api/v1/ai-systems/{id}/oversight", "/api/v1/ai-systems/{system}/oversight", "",
       read_api},
      {"PUT",
       "/api/v1/ai-systems/{id}/oversight",
       "/api/v1/ai-systems/{system}/oversight",
       "{}",
       {422, 422, 403, 403, 403, 401}},
      {"GET", "/monitoring", "/monitoring", "", read_page},
      {"GET",
       "/monitoring/monitors/new",
       "/monitoring/monitors/new",
       "",
       {200, 200, 200, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors",
       "/monitoring/monitors",
       "name=",
       {422, 422, 422, 403, 403, 303}},
      {"GET", "/monitoring/monitors/{id}", "/monitoring/monitors/{monitor}", "", read_page},
      {"GET",
       "/monitoring/monitors/{id}/edit",
       "/monitoring/monitors/{monitor}/edit",
       "",
       {200, 200, 200, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors/{id}",
       "/monitoring/monitors/{monitor}",
       "version=999",
       {412, 412, 412, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors/{id}/archive",
       "/monitoring/monitors/999999/archive",
       "",
       {404, 404, 403, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors/{id}/restore",
       "/monitoring/monitors/999999/restore",
       "",
       {404, 404, 403, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors/{id}/reference",
       "/monitoring/monitors/{monitor}/reference",
       "",
       {400, 400, 400, 403, 403, 303}},
      {"POST",
       "/monitoring/monitors/{id}/runs",
       "/monitoring/monitors/{monitor}/runs",
       "",
       {400, 400, 400, 403, 403, 303}},
      {"GET",
       "/monitoring/runs/{id}",
       "/monitoring/runs/999999",
       "",
       {404, 404, 404, 404, 404, 303}},
      {"POST",
       "/monitoring/alerts/{id}",
       "/monitoring/alerts/999999",
       "status=acknowledged&version=1",
       {404, 404, 404, 403, 403, 303}},
      {"POST",
       "/monitoring/systems/{id}/oversight",
       "/monitoring/systems/{system}/oversight",
       "version=999&required=yes&reason=probe",
       {412, 412, 403, 403, 403, 303}},
  };
}

// The same route families exist for each register of the records platform; their expectations
// are written once here. Editors (admin, aims-manager, contributor) may change records and their
// attachments; only admin and aims-manager may archive; auditors read and comment; viewers read.
std::vector<Probe> register_probes() {
  struct Family {
    std::string method, suffix, body;
    std::array<int, 6> expected;
    bool api;
  };
  const std::vector<Family> families = {
      {"GET", "", "", {200, 200, 200, 200, 200, 401}, true},
      {"POST", "", "{}", {422, 422, 422, 403, 403, 401}, true},
      {"GET", "/export", "", {200, 200, 200, 200, 200, 401}, true},
      {"POST", "/import", "", {400, 400, 400, 403, 403, 401}, true},
      {"GET", "/{id}", "", {200, 200, 200, 200, 200, 401}, true},
      {"PATCH", "/{id}", "{}", {412, 412, 412, 403, 403, 401}, true},
      {"POST", "/{id}/archive", "", {404, 404, 403, 403, 403, 401}, true},
      {"POST", "/{id}/restore", "", {404, 404, 403, 403, 403, 401}, true},
      {"GET", "/{id}/referrers", "", {200, 200, 200, 200, 200, 401}, true},
      {"GET", "/{id}/attachments", "", {200, 200, 200, 200, 200, 401}, true},
      {"POST", "/{id}/attachments", "", {400, 400, 400, 403, 403, 401}, true},
      {"GET", "/{id}/attachments/{aid}/content", "", {404, 404, 404, 404, 404, 401}, true},
      {"DELETE", "/{id}/attachments/{aid}", "", {404, 404, 404, 403, 403, 401}, true},
      {"GET", "/{id}/comments", "", {200, 200, 200, 200, 200, 401}, true},
      // Auditors comment (their questions); viewers only read.
      {"POST", "/{id}/comments", "{}", {422, 422, 422, 422, 403, 401}, true},
      {"GET", "", "", {200, 200, 200, 200, 200, 303}, false},
      {"POST", "", "name=", {422, 422, 422, 403, 403, 303}, false},
      {"GET", "/new", "", {200, 200, 200, 403, 403, 303}, false},
      {"GET", "/import", "", {200, 200, 200, 403, 403, 303}, false},
      {"POST", "/import", "x=1", {400, 400, 400, 403, 403, 303}, false},
      {"GET", "/{id}", "", {200, 200, 200, 200, 200, 303}, false},
      {"GET", "/{id}/edit", "", {200, 200, 200, 403, 403, 303}, false},
      {"POST", "/{id}", "version=999", {412, 412, 412, 403, 403, 303}, false},
      {"POST", "/{id}/archive", "", {404, 404, 403, 403, 403, 303}, false},
      {"POST", "/{id}/restore", "", {404, 404, 403, 403, 403, 303}, false},
      {"POST", "/{id}/attachments", "x=1", {400, 400, 400, 403, 403, 303}, false},
      {"GET", "/{id}/attachments/{aid}", "", {404, 404, 404, 404, 404, 303}, false},
      {"POST", "/{id}/attachments/{aid}/remove", "", {404, 404, 404, 403, 403, 303}, false},
      {"POST", "/{id}/comments", "body=", {422, 422, 422, 422, 403, 303}, false},
  };
  // Registers with a workflow add these. Everyone who reads may ask to move a record
  // (the step itself names the permission it needs); the probes name no step, no version that
  // exists or no If-Match, so nothing moves.
  const std::vector<Family> workflow_families = {
      {"POST", "/{id}/transitions", "{}", {428, 428, 428, 428, 428, 401}, true},
      {"GET", "/{id}/workflow", "", {200, 200, 200, 200, 200, 401}, true},
      {"POST", "/{id}/transitions", "version=999", {422, 422, 422, 422, 422, 303}, false},
  };
  // Registers whose approvals freeze versions add these.
  const std::vector<Family> version_families = {
      {"GET", "/{id}/versions", "", {200, 200, 200, 200, 200, 401}, true},
      {"GET", "/{id}/versions/compare", "", {422, 422, 422, 422, 422, 401}, true},
      {"GET", "/{id}/versions/{number}", "", {404, 404, 404, 404, 404, 401}, true},
      {"GET", "/{id}/versions/{number}", "", {404, 404, 404, 404, 404, 303}, false},
      {"GET", "/{id}/compare", "", {422, 422, 422, 422, 422, 303}, false},
  };
  struct Register {
    std::string api, page, placeholder;
    bool workflow = false;
    bool versioned = false;
    // Written with edit_audits (internal audit): auditors may do what contributors may elsewhere,
    // and contributors only what viewers may.
    bool audits = false;
  };
  const std::vector<Register> registers = {
      {"/api/v1/ai-systems", "/inventory/systems", "{system}"},
      {"/api/v1/models", "/inventory/models", "{model}"},
      {"/api/v1/datasets", "/inventory/datasets", "{dataset}"},
      {"/api/v1/suppliers", "/inventory/suppliers", "{supplier}"},
      {"/api/v1/incidents", "/improvement/incidents", "{incident}"},
      {"/api/v1/nonconformities", "/improvement/nonconformities", "{nonconformity}", true},
      {"/api/v1/corrective-actions", "/improvement/corrective-actions", "{corrective_action}",
       true},
      {"/api/v1/concerns", "/improvement/concerns", "{concern}", true},
      {"/api/v1/dataset-versions", "/data/dataset-versions", "{dataset_version}", true},
      {"/api/v1/data-preparations", "/data/preparations", "{data_preparation}"},
      {"/api/v1/data-rights-reviews", "/data/rights-reviews", "{rights_review}", true},
      {"/api/v1/documents", "/governance/documents", "{document}", true, true},
      {"/api/v1/evidence", "/controls/evidence", "{evidence}"},
      {"/api/v1/soa-entries", "/controls/soa/entries", "{soa_entry}"},
      {"/api/v1/soa-versions", "/controls/soa/versions", "{soa_version}", true, true},
      {"/api/v1/readiness-assessments", "/controls/readiness/assessments", "{assessment}"},
      {"/api/v1/risks", "/risk/risks", "{risk}", true},
      {"/api/v1/treatment-actions", "/risk/actions", "{risk_action}", true},
      {"/api/v1/impact-assessments", "/impact/assessments", "{impact_assessment}", true, true},
      {"/api/v1/impacts", "/impact/impacts", "{impact}"},
      {"/api/v1/context-issues", "/context/issues", "{context_issue}", true},
      {"/api/v1/interested-parties", "/context/parties", "{interested_party}"},
      {"/api/v1/interested-party-requirements", "/context/requirements", "{party_requirement}"},
      {"/api/v1/communication-plan-items", "/support/communication-plan", "{plan_item}"},
      {"/api/v1/communications", "/support/communications", "{communication}"},
      {"/api/v1/objectives", "/governance/objectives", "{objective}", true},
      {"/api/v1/objective-measurements", "/governance/objective-measurements",
       "{objective_measurement}"},
      {"/api/v1/committees", "/leadership/committees", "{committee}"},
      {"/api/v1/committee-members", "/leadership/members", "{committee_member}"},
      {"/api/v1/committee-meetings", "/leadership/meetings", "{committee_meeting}"},
      {"/api/v1/committee-decisions", "/leadership/decisions", "{committee_decision}", true},
      {"/api/v1/raci-assignments", "/leadership/raci-assignments", "{raci_assignment}"},
      {"/api/v1/aims-roles", "/roles/aims-roles", "{aims_role}"},
      {"/api/v1/role-assignments", "/roles/holders", "{role_assignment}", true},
      {"/api/v1/competences", "/roles/competences", "{competence}"},
      {"/api/v1/courses", "/roles/courses", "{course}"},
      {"/api/v1/training-records", "/roles/training", "{training_record}"},
      {"/api/v1/management-reviews", "/evaluation/management-reviews", "{management_review}", true,
       true},
      {"/api/v1/review-attendees", "/evaluation/review-attendees", "{review_attendee}"},
      {"/api/v1/review-actions", "/evaluation/review-actions", "{review_action}", true},
      {"/api/v1/audit-programmes", "/evaluation/audit-programmes", "{audit_programme}", true, true,
       true},
      {"/api/v1/internal-audits", "/evaluation/audits", "{internal_audit}", true, true, true},
      {"/api/v1/audit-items", "/evaluation/audit-items", "{audit_item}", false, false, true},
      {"/api/v1/customers", "/third-parties/customers", "{customer}"},
      {"/api/v1/customer-notices", "/third-parties/customer-notices", "{customer_notice}"},
      {"/api/v1/responsibilities", "/third-parties/responsibilities", "{responsibility}"},
      {"/api/v1/supplier-assessments", "/third-parties/assessments", "{supplier_assessment}", true,
       true},
      {"/api/v1/supplier-evaluations", "/third-parties/evaluations", "{supplier_evaluation}"},
      {"/api/v1/supplier-exit-plans", "/third-parties/exit-plans", "{supplier_exit_plan}"},
      {"/api/v1/tools", "/inventory/tools", "{tool}"},
      {"/api/v1/compute-resources", "/inventory/compute", "{compute_resource}"},
      {"/api/v1/resource-plans", "/support/resource-plans", "{resource_plan}", true, true},
      {"/api/v1/logging-requirements", "/operate/event-logging", "{logging_requirement}"},
      {"/api/v1/data-quality-requirements", "/data/quality-requirements", "{dq_requirement}"},
      {"/api/v1/ai-requirements", "/lifecycle/requirements", "{ai_requirement}", true, true},
      {"/api/v1/validations", "/lifecycle/validations", "{validation}", true, true},
      {"/api/v1/stage-changes", "/lifecycle/stage-changes", "{stage_change}", true},
      {"/api/v1/retention-rules", "/support/retention-rules", "{retention_rule}"},
      {"/api/v1/legal-holds", "/support/legal-holds", "{legal_hold}", true},
      {"/api/v1/disposals", "/support/disposals", "{disposal}", true},
      {"/api/v1/change-requests", "/lifecycle/changes", "{change_request}", true, true},
      {"/api/v1/instructions-for-use", "/lifecycle/instructions", "{instructions}", true, true},
      {"/api/v1/technical-files", "/lifecycle/technical-files", "{technical_file}", true, true},
      {"/api/v1/oversight-plans", "/oversight/plans", "{oversight_plan}", true, true}};
  std::vector<Probe> out;
  for (const auto& [api, page, placeholder, workflow, versioned, audits] : registers) {
    std::vector<Family> all = families;
    if (workflow) all.insert(all.end(), workflow_families.begin(), workflow_families.end());
    if (versioned) all.insert(all.end(), version_families.begin(), version_families.end());
    for (const auto& f : all) {
      const std::string pattern = (f.api ? api : page) + f.suffix;
      std::string target = pattern;
      if (auto at = target.find("{id}"); at != std::string::npos) {
        // Archive and restore name a record that does not exist, so the matrix writes nothing.
        const bool missing = f.suffix.ends_with("archive") || f.suffix.ends_with("restore");
        target.replace(at, 4, missing ? "999999" : placeholder);
      }
      // No attachment has this id, so the matrix downloads and removes nothing.
      if (auto at = target.find("{aid}"); at != std::string::npos) target.replace(at, 5, "999999");
      if (auto at = target.find("{number}"); at != std::string::npos) target.replace(at, 8, "1");
      std::array<int, 6> expected = f.expected;
      if (audits) {
        expected[3] = f.expected[2];
        expected[2] = f.expected[4];
      }
      out.push_back({f.method, pattern, target, f.body, expected});
    }
  }
  return out;
}

// Frameworks, the SoA and readiness. Starting an SoA that is started adds nothing, and an import
// without a key is refused before its body is read, so these write nothing either.
std::vector<Probe> controls_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  const std::string iso = "iso-iec-42001-2023";
  const std::string crosswalk = "nist-ai-rmf-1.0--iso-iec-42001-2023";
  return {
      {"GET", "/api/v1/frameworks", "/api/v1/frameworks", "", read_api},
      {"GET", "/api/v1/frameworks/{key}", "/api/v1/frameworks/" + iso, "", read_api},
      {"GET", "/api/v1/frameworks/{key}/oscal", "/api/v1/frameworks/" + iso + "/oscal", "",
       read_api},
      {"POST", "/api/v1/frameworks", "/api/v1/frameworks", "{}", {422, 422, 403, 403, 403, 401}},
      // Built-in frameworks are mapped by aims' catalogs, so these are refused and write nothing.
      {"PUT",
       "/api/v1/frameworks/{key}/items/{item}/links",
       "/api/v1/frameworks/" + iso + "/items/4.1/links",
       R"({"links":[]})",
       {409, 409, 403, 403, 403, 401}},
      {"POST",
       "/controls/frameworks/{key}/links",
       "/controls/frameworks/" + iso + "/links",
       "item=4.1&target=A.7.4",
       {409, 409, 403, 403, 403, 303}},
      {"POST",
       "/controls/frameworks/{key}/links/remove",
       "/controls/frameworks/" + iso + "/links/remove",
       "item=4.1&target=A.7.4",
       {409, 409, 403, 403, 403, 303}},
      {"GET", "/api/v1/framework-mappings", "/api/v1/framework-mappings", "", read_api},
      {"GET", "/api/v1/framework-mappings/{key}/oscal",
       "/api/v1/framework-mappings/" + crosswalk + "/oscal", "", read_api},
      {"GET", "/api/v1/soa", "/api/v1/soa", "", read_api},
      {"POST", "/api/v1/soa/start", "/api/v1/soa/start", "", {200, 200, 200, 403, 403, 401}},
      {"GET", "/api/v1/soa/compare", "/api/v1/soa/compare", "", {422, 422, 422, 422, 422, 401}},
      {"GET", "/api/v1/soa-versions/{id}/entries", "/api/v1/soa-versions/{soa_version}/entries", "",
       read_api},
      {"GET", "/api/v1/soa-versions/{id}/export.xlsx",
       "/api/v1/soa-versions/{soa_version}/export.xlsx", "", read_api},
      {"GET", "/api/v1/soa-versions/{id}/export.csv",
       "/api/v1/soa-versions/{soa_version}/export.csv", "", read_api},
      {"GET", "/api/v1/readiness", "/api/v1/readiness", "", read_api},
      {"GET", "/api/v1/readiness/gaps.xlsx", "/api/v1/readiness/gaps.xlsx", "", read_api},
      {"GET", "/controls/frameworks", "/controls/frameworks", "", read_page},
      {"GET", "/controls/frameworks/{key}", "/controls/frameworks/" + iso, "", read_page},
      {"POST",
       "/controls/frameworks/import",
       "/controls/frameworks/import",
       "key=",
       {422, 422, 403, 403, 403, 303}},
      {"GET", "/controls/soa", "/controls/soa", "", read_page},
      {"POST", "/controls/soa/start", "/controls/soa/start", "x=1", {303, 303, 303, 403, 403, 303}},
      {"GET", "/controls/soa/compare", "/controls/soa/compare", "", {422, 422, 422, 422, 422, 303}},
      {"GET", "/controls/soa/versions/{id}/print", "/controls/soa/versions/{soa_version}/print", "",
       read_page},
      {"GET", "/controls/readiness", "/controls/readiness", "", read_page},
      {"GET", "/api/v1/oscal/system-security-plan", "/api/v1/oscal/system-security-plan", "",
       read_api},
      {"GET", "/api/v1/oscal/component-definition", "/api/v1/oscal/component-definition", "",
       read_api},
      {"GET", "/api/v1/oscal/assessment-results", "/api/v1/oscal/assessment-results", "", read_api},
  };
}

// Criteria, library, heat map and report. The probes send criteria that fail their checks and name
// a library entry that does not exist, so they adopt and add nothing.
std::vector<Probe> risk_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {
      {"GET", "/api/v1/risk-criteria", "/api/v1/risk-criteria", "", read_api},
      {"PUT",
       "/api/v1/risk-criteria",
       "/api/v1/risk-criteria",
       "{}",
       {422, 422, 403, 403, 403, 401}},
      {"GET", "/api/v1/risk-criteria/versions", "/api/v1/risk-criteria/versions", "", read_api},
      {"GET", "/api/v1/risk-library", "/api/v1/risk-library", "", read_api},
      {"POST",
       "/api/v1/risk-library/{key}/add",
       "/api/v1/risk-library/no-such-risk/add",
       "{}",
       {404, 404, 404, 403, 403, 401}},
      {"GET", "/api/v1/risk-heat-map", "/api/v1/risk-heat-map", "", read_api},
      {"GET", "/risk/criteria", "/risk/criteria", "", read_page},
      {"POST", "/risk/criteria", "/risk/criteria", "x=1", {422, 422, 403, 403, 403, 303}},
      {"GET", "/risk/library", "/risk/library", "", read_page},
      {"POST",
       "/risk/library/{key}/add",
       "/risk/library/no-such-risk/add",
       "x=1",
       {404, 404, 404, 403, 403, 303}},
      {"GET", "/risk/heat-map", "/risk/heat-map", "", read_page},
      {"GET", "/risk/report", "/risk/report", "", read_page},
  };
}

// An objective's progress, which every reader may see.
std::vector<Probe> objectives_probes() {
  return {{"GET",
           "/api/v1/objectives/{id}/progress",
           "/api/v1/objectives/{objective}/progress",
           "",
           {200, 200, 200, 200, 200, 401}}};
}

// A review's printable minutes, read by everyone; its hold, by those who edit records. The probes
// send no held_on, no version that exists and no If-Match, so nothing is held.
std::vector<Probe> review_probes() {
  return {{"GET",
           "/evaluation/management-reviews/{id}/minutes",
           "/evaluation/management-reviews/{management_review}/minutes",
           "",
           {200, 200, 200, 200, 200, 303}},
          {"POST",
           "/evaluation/management-reviews/{id}/hold",
           "/evaluation/management-reviews/{management_review}/hold",
           "x=1",
           {412, 412, 412, 403, 403, 303}},
          {"POST",
           "/api/v1/management-reviews/{id}/hold",
           "/api/v1/management-reviews/{management_review}/hold",
           "{}",
           {428, 428, 428, 403, 403, 401}}};
}

// Raising a nonconformity from an incident, for those who edit records; the incident does not
// exist, so nothing is raised.
std::vector<Probe> improvement_probes() {
  return {{"POST",
           "/api/v1/incidents/{id}/nonconformity",
           "/api/v1/incidents/999999/nonconformity",
           "{}",
           {404, 404, 404, 403, 403, 401}},
          {"POST",
           "/improvement/incidents/{id}/nonconformity",
           "/improvement/incidents/999999/nonconformity",
           "grade=minor",
           {404, 404, 404, 403, 403, 303}}};
}

// A programme's coverage and an audit's report, which every reader may see; the checklist and
// raising a nonconformity, for those who edit audits. The seeded audit's checklist is complete
// and its one item conforms, so these add nothing.
std::vector<Probe> internal_audit_probes() {
  const std::array<int, 6> audit_api{200, 200, 403, 200, 403, 401};
  return {{"GET",
           "/api/v1/audit-programmes/{id}/coverage",
           "/api/v1/audit-programmes/{audit_programme}/coverage",
           "",
           {200, 200, 200, 200, 200, 401}},
          {"POST", "/api/v1/internal-audits/{id}/checklist",
           "/api/v1/internal-audits/{internal_audit}/checklist", "", audit_api},
          {"POST",
           "/api/v1/audit-items/{id}/nonconformity",
           "/api/v1/audit-items/{audit_item}/nonconformity",
           "",
           {409, 409, 403, 409, 403, 401}},
          {"POST",
           "/evaluation/audits/{id}/checklist",
           "/evaluation/audits/{internal_audit}/checklist",
           "x=1",
           {303, 303, 403, 303, 403, 303}},
          {"POST",
           "/evaluation/audit-items/{id}/nonconformity",
           "/evaluation/audit-items/{audit_item}/nonconformity",
           "x=1",
           {409, 409, 403, 409, 403, 303}},
          {"GET",
           "/evaluation/audits/{id}/report",
           "/evaluation/audits/{internal_audit}/report",
           "",
           {200, 200, 200, 200, 200, 303}}};
}

// The Retention page and what is due, which every reader may see; the records a legal hold
// covers, read by all and added by those who edit records. The probes name no record, so nothing
// is held.
std::vector<Probe> retention_probes() {
  return {
      {"GET", "/support/retention", "/support/retention", "", {200, 200, 200, 200, 200, 303}},
      {"GET", "/api/v1/retention/due", "/api/v1/retention/due", "", {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/api/v1/legal-holds/{id}/records",
       "/api/v1/legal-holds/{legal_hold}/records",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"POST",
       "/api/v1/legal-holds/{id}/records",
       "/api/v1/legal-holds/{legal_hold}/records",
       "{}",
       {422, 422, 422, 403, 403, 401}},
      {"POST",
       "/support/legal-holds/{id}/records",
       "/support/legal-holds/{legal_hold}/records",
       "x=1",
       {422, 422, 422, 403, 403, 303}}};
}

// An AI system's holds and RACI: read by everyone who signs in.
std::vector<Probe> leadership_probes() {
  return {
      {"GET",
       "/api/v1/ai-systems/{id}/holds",
       "/api/v1/ai-systems/{system}/holds",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/api/v1/ai-systems/{id}/raci",
       "/api/v1/ai-systems/{system}/raci",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"GET",
       "/leadership/raci",
       "/leadership/raci?system={system}",
       "",
       {200, 200, 200, 200, 200, 303}},
  };
}

// An AI system's split of responsibilities, read by everyone; its default duties, added by those
// who edit records. The matrix system is not yet classified, so its role carries no duty and
// adding the defaults writes nothing.
std::vector<Probe> customers_probes() {
  return {
      {"GET",
       "/api/v1/ai-systems/{id}/responsibilities",
       "/api/v1/ai-systems/{system}/responsibilities",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"POST",
       "/api/v1/ai-systems/{id}/responsibilities/defaults",
       "/api/v1/ai-systems/{system}/responsibilities/defaults",
       "",
       {200, 200, 200, 403, 403, 401}},
      {"GET",
       "/inventory/systems/{id}/responsibilities",
       "/inventory/systems/{system}/responsibilities",
       "",
       {200, 200, 200, 200, 200, 303}},
      {"POST",
       "/inventory/systems/{id}/responsibilities/defaults",
       "/inventory/systems/{system}/responsibilities/defaults",
       "x=1",
       {303, 303, 303, 403, 403, 303}},
  };
}

// The concerns channel's settings (organisation managers), triage (those who edit records) with an
// outcome that does not exist, and the public pages (no sign-in) through a link that does not
// exist: nothing is written.
std::vector<Probe> concerns_probes() {
  return {
      {"GET",
       "/improvement/concerns/channel",
       "/improvement/concerns/channel",
       "",
       {200, 200, 403, 403, 403, 303}},
      {"POST",
       "/improvement/concerns/channel",
       "/improvement/concerns/channel",
       "action=none",
       {422, 422, 403, 403, 403, 303}},
      {"POST",
       "/improvement/concerns/{id}/triage",
       "/improvement/concerns/{concern}/triage",
       "outcome=none",
       {422, 422, 422, 403, 403, 303}},
      {"POST",
       "/api/v1/concerns/{id}/triage",
       "/api/v1/concerns/{concern}/triage",
       "{}",
       {422, 422, 422, 403, 403, 401}},
      {"GET", "/concerns/{token}", "/concerns/no-such-link", "", {404, 404, 404, 404, 404, 404}},
      {"POST",
       "/concerns/{token}",
       "/concerns/no-such-link",
       "what_happened=x",
       {404, 404, 404, 404, 404, 404}},
      {"GET",
       "/concerns/{token}/status",
       "/concerns/no-such-link/status",
       "",
       {404, 404, 404, 404, 404, 404}},
      {"POST",
       "/concerns/{token}/status",
       "/concerns/no-such-link/status",
       "code=x",
       {404, 404, 404, 404, 404, 404}},
  };
}

// Acknowledgements, templates and the printable page. The matrix document is a draft, so
// acknowledging it is refused (no version in force), and the probes name no template that exists.
std::vector<Probe> documents_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {
      {"GET", "/api/v1/documents/{id}/acknowledgements",
       "/api/v1/documents/{document}/acknowledgements", "", read_api},
      {"POST",
       "/api/v1/documents/{id}/acknowledgements",
       "/api/v1/documents/{document}/acknowledgements",
       "{}",
       {409, 409, 409, 409, 409, 401}},
      {"POST",
       "/governance/documents/{id}/acknowledgements",
       "/governance/documents/{document}/acknowledgements",
       "version=0",
       {409, 409, 409, 409, 409, 303}},
      {"GET", "/governance/documents/{id}/print", "/governance/documents/{document}/print", "",
       read_page},
      {"GET", "/api/v1/document-templates", "/api/v1/document-templates", "", read_api},
      {"POST",
       "/api/v1/document-templates/{key}/use",
       "/api/v1/document-templates/no-such-template/use",
       "{}",
       {404, 404, 404, 403, 403, 401}},
      {"GET", "/governance/documents/templates", "/governance/documents/templates", "", read_page},
      {"POST",
       "/governance/documents/templates/{key}/use",
       "/governance/documents/templates/no-such-template/use",
       "x=1",
       {404, 404, 404, 403, 403, 303}},
  };
}

// The standard roles and the competence matrix. The fixture has added the standard roles already,
// so adding them again adds nothing.
std::vector<Probe> roles_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {
      {"GET", "/api/v1/standard-aims-roles", "/api/v1/standard-aims-roles", "", read_api},
      {"POST",
       "/api/v1/standard-aims-roles",
       "/api/v1/standard-aims-roles",
       "{}",
       {200, 200, 200, 403, 403, 401}},
      {"GET", "/api/v1/competence-matrix", "/api/v1/competence-matrix", "", read_api},
      {"GET", "/api/v1/competence-matrix/export.xlsx", "/api/v1/competence-matrix/export.xlsx", "",
       read_api},
      {"GET", "/roles/standard-roles", "/roles/standard-roles", "", read_page},
      {"POST",
       "/roles/standard-roles",
       "/roles/standard-roles",
       "x=1",
       {303, 303, 303, 403, 403, 303}},
      {"GET", "/roles/competence-matrix", "/roles/competence-matrix", "", read_page},
  };
}

// Email and webhook settings are the administrator's alone; each person's digest choice is their
// own. The probes send empty input or name a webhook that does not exist, so they write nothing.
std::vector<Probe> notify_probes() {
  const std::array<int, 6> admin_api{200, 403, 403, 403, 403, 401},
      admin_page{200, 403, 403, 403, 403, 303}, admin_invalid_api{422, 403, 403, 403, 403, 401},
      admin_invalid_page{422, 403, 403, 403, 403, 303},
      admin_missing_api{404, 403, 403, 403, 403, 401},
      admin_missing_page{404, 403, 403, 403, 403, 303};
  return {
      {"GET", "/api/v1/settings/email", "/api/v1/settings/email", "", admin_api},
      {"PUT", "/api/v1/settings/email", "/api/v1/settings/email", "{}", admin_invalid_api},
      {"POST",
       "/api/v1/settings/email/test",
       "/api/v1/settings/email/test",
       "{}",
       {409, 403, 403, 403, 403, 401}},
      {"GET", "/api/v1/webhooks", "/api/v1/webhooks", "", admin_api},
      {"POST", "/api/v1/webhooks", "/api/v1/webhooks", "{}", admin_invalid_api},
      {"GET", "/api/v1/webhooks/{id}", "/api/v1/webhooks/999999", "", admin_missing_api},
      {"DELETE", "/api/v1/webhooks/{id}", "/api/v1/webhooks/999999", "", admin_missing_api},
      {"GET", "/api/v1/webhooks/{id}/deliveries", "/api/v1/webhooks/999999/deliveries", "",
       admin_missing_api},
      {"POST", "/api/v1/webhooks/{id}/deliveries/{delivery}/resend",
       "/api/v1/webhooks/999999/deliveries/1/resend", "{}", admin_missing_api},
      {"GET",
       "/api/v1/me/notifications",
       "/api/v1/me/notifications",
       "",
       {200, 200, 200, 200, 200, 401}},
      {"PUT",
       "/api/v1/me/notifications",
       "/api/v1/me/notifications",
       "{}",
       {422, 422, 422, 422, 422, 401}},
      {"GET", "/settings/email", "/settings/email", "", admin_page},
      {"POST", "/settings/email", "/settings/email", "x=1", admin_invalid_page},
      {"POST", "/settings/email/test", "/settings/email/test", "x=1", admin_invalid_page},
      {"GET", "/settings/webhooks", "/settings/webhooks", "", admin_page},
      {"POST", "/settings/webhooks", "/settings/webhooks", "x=1", admin_invalid_page},
      {"GET", "/settings/webhooks/{id}", "/settings/webhooks/999999", "", admin_missing_page},
      {"POST", "/settings/webhooks/{id}/delete", "/settings/webhooks/999999/delete", "x=1",
       admin_missing_page},
      {"POST", "/settings/webhooks/{id}/deliveries/{delivery}/resend",
       "/settings/webhooks/999999/deliveries/1/resend", "x=1", admin_missing_page},
      {"GET",
       "/account/notifications",
       "/account/notifications",
       "",
       {200, 200, 200, 200, 200, 303}},
      {"POST",
       "/account/notifications",
       "/account/notifications",
       "x=1",
       {422, 422, 422, 422, 422, 303}},
  };
}

// A version's content upload (those who edit records) to a version that does not exist: nothing is
// read or written.
std::vector<Probe> data_probes() {
  return {
      {"POST",
       "/data/dataset-versions/{id}/content",
       "/data/dataset-versions/999999/content",
       "x=1",
       {404, 404, 404, 403, 403, 303}},
      {"POST",
       "/api/v1/dataset-versions/{id}/content",
       "/api/v1/dataset-versions/999999/content",
       "{}",
       {404, 404, 404, 403, 403, 401}},
  };
}

// Data-quality runs: editors upload files (to a dataset that does not exist here, so nothing is
// written); everyone who signs in reads runs.
std::vector<Probe> data_quality_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {{"POST",
           "/api/v1/datasets/{id}/quality-runs",
           "/api/v1/datasets/999999/quality-runs",
           "",
           {404, 404, 404, 403, 403, 401}},
          {"GET", "/api/v1/datasets/{id}/quality-runs", "/api/v1/datasets/{dataset}/quality-runs",
           "", read_api},
          {"GET",
           "/api/v1/data-quality-runs/{id}",
           "/api/v1/data-quality-runs/999999",
           "",
           {404, 404, 404, 404, 404, 401}},
          {"GET", "/api/v1/datasets/{id}/under-representation",
           "/api/v1/datasets/{dataset}/under-representation", "", read_api},
          {"GET", "/api/v1/models/{id}/under-representation",
           "/api/v1/models/{model}/under-representation", "", read_api},
          {"GET", "/api/v1/ai-systems/{id}/under-representation",
           "/api/v1/ai-systems/{system}/under-representation", "", read_api},
          {"GET", "/data/quality-runs", "/data/quality-runs", "", read_page},
          {"GET",
           "/data/quality-runs/{id}",
           "/data/quality-runs/999999",
           "",
           {404, 404, 404, 404, 404, 303}},
          {"GET", "/data/datasets/{id}/quality", "/data/datasets/{dataset}/quality", "", read_page},
          {"POST",
           "/data/datasets/{id}/quality",
           "/data/datasets/999999/quality",
           "x=1",
           {404, 404, 404, 403, 403, 303}}};
}

// Validation runs, gate checks and stage changes' approvals: editors upload logs and check gates,
// approvers approve (records that do not exist here, so nothing is written); everyone who signs
// in reads them.
std::vector<Probe> lifecycle_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {
      {"POST",
       "/api/v1/validations/{id}/runs",
       "/api/v1/validations/999999/runs",
       "",
       {404, 404, 404, 403, 403, 401}},
      {"GET", "/api/v1/validations/{id}/runs", "/api/v1/validations/{validation}/runs", "",
       read_api},
      {"GET",
       "/api/v1/validation-runs/{id}",
       "/api/v1/validation-runs/999999",
       "",
       {404, 404, 404, 404, 404, 401}},
      {"GET", "/lifecycle/validations/{id}/runs", "/lifecycle/validations/{validation}/runs", "",
       read_page},
      {"POST",
       "/lifecycle/validations/{id}/runs",
       "/lifecycle/validations/999999/runs",
       "x=1",
       {404, 404, 404, 403, 403, 303}},
      {"GET",
       "/lifecycle/validation-runs/{id}",
       "/lifecycle/validation-runs/999999",
       "",
       {404, 404, 404, 404, 404, 303}},
      {"POST",
       "/api/v1/ai-systems/{id}/gate-checks",
       "/api/v1/ai-systems/999999/gate-checks?stage=deployment",
       "",
       {404, 404, 404, 403, 403, 401}},
      {"GET", "/api/v1/ai-systems/{id}/gate-checks", "/api/v1/ai-systems/{system}/gate-checks", "",
       read_api},
      {"GET",
       "/api/v1/gate-checks/{id}",
       "/api/v1/gate-checks/999999",
       "",
       {404, 404, 404, 404, 404, 401}},
      {"POST",
       "/inventory/systems/{id}/gate-checks",
       "/inventory/systems/999999/gate-checks",
       "stage=deployment",
       {404, 404, 404, 403, 403, 303}},
      {"GET",
       "/lifecycle/gate-checks/{id}",
       "/lifecycle/gate-checks/999999",
       "",
       {404, 404, 404, 404, 404, 303}},
      // Only those who approve records approve a stage change.
      {"POST",
       "/api/v1/stage-changes/{id}/approve",
       "/api/v1/stage-changes/999999/approve",
       "",
       {404, 404, 403, 403, 403, 401}},
      {"POST",
       "/lifecycle/stage-changes/{id}/approve",
       "/lifecycle/stage-changes/999999/approve",
       "version=1",
       {404, 404, 403, 403, 403, 303}},
      {"GET", "/api/v1/unapproved-models", "/api/v1/unapproved-models", "", read_api},
      // Everyone reads the lifecycle policy; those who approve records adopt a version (the
      // probes send a policy that fails its checks, so nothing is adopted).
      {"GET", "/api/v1/lifecycle-policy", "/api/v1/lifecycle-policy", "", read_api},
      {"PUT",
       "/api/v1/lifecycle-policy",
       "/api/v1/lifecycle-policy",
       "{}",
       {422, 422, 403, 403, 403, 401}},
      {"GET", "/api/v1/lifecycle-policy/versions", "/api/v1/lifecycle-policy/versions", "",
       read_api},
      {"GET", "/lifecycle/policy", "/lifecycle/policy", "", read_page},
      {"POST", "/lifecycle/policy", "/lifecycle/policy", "x=1", {422, 422, 403, 403, 403, 303}}};
}

// Instructions for use, the public page and the technical file: managers publish (an action that
// does not exist, or a system that does not exist, so nothing is written), everyone who signs in
// reads, and the public page answers nobody through a link that does not exist.
std::vector<Probe> sysdocs_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      read_page{200, 200, 200, 200, 200, 303};
  return {{"GET", "/api/v1/ai-systems/{id}/transparency",
           "/api/v1/ai-systems/{system}/transparency", "", read_api},
          {"POST",
           "/api/v1/ai-systems/{id}/transparency",
           "/api/v1/ai-systems/{system}/transparency",
           "{}",
           {422, 422, 403, 403, 403, 401}},
          {"POST",
           "/inventory/systems/{id}/transparency",
           "/inventory/systems/999999/transparency",
           "action=none",
           {404, 404, 403, 403, 403, 303}},
          {"GET",
           "/transparency/{token}",
           "/transparency/no-such-link",
           "",
           {404, 404, 404, 404, 404, 404}},
          {"GET", "/api/v1/ai-systems/{id}/technical-file",
           "/api/v1/ai-systems/{system}/technical-file", "", read_api},
          {"GET", "/inventory/systems/{id}/technical-file",
           "/inventory/systems/{system}/technical-file", "", read_page},
          {"GET", "/lifecycle/technical-files/{id}/print",
           "/lifecycle/technical-files/{technical_file}/print", "", read_page}};
}

// The review queue: production systems (run_monitoring) submit, editors review (decisions that do
// not exist here, or input that fails validation, so nothing is written); everyone reads.
std::vector<Probe> oversight_probes() {
  const std::array<int, 6> read_api{200, 200, 200, 200, 200, 401},
      missing_api{404, 404, 404, 404, 404, 401}, edit_api{422, 422, 422, 403, 403, 401};
  return {{"POST", "/api/v1/ai-systems/{id}/oversight/decisions",
           "/api/v1/ai-systems/999999/oversight/decisions", "{}", edit_api},
          {"GET", "/api/v1/ai-systems/{id}/oversight/metrics",
           "/api/v1/ai-systems/{system}/oversight/metrics", "", read_api},
          {"GET", "/api/v1/oversight-decisions", "/api/v1/oversight-decisions", "", read_api},
          {"GET", "/api/v1/oversight-decisions/{id}", "/api/v1/oversight-decisions/999999", "",
           missing_api},
          {"POST", "/api/v1/oversight-decisions/{id}/review",
           "/api/v1/oversight-decisions/999999/review", "{}", edit_api},
          {"GET", "/oversight/queue", "/oversight/queue", "", {200, 200, 200, 200, 200, 303}},
          {"GET",
           "/oversight/decisions/{id}",
           "/oversight/decisions/999999",
           "",
           {404, 404, 404, 404, 404, 303}},
          {"POST",
           "/oversight/decisions/{id}/review",
           "/oversight/decisions/999999/review",
           "action=confirm",
           {404, 404, 404, 403, 403, 303}}};
}

std::vector<Probe> all_probes() {
  std::vector<Probe> all = probes();
  for (auto& p : data_probes())
    all.push_back(std::move(p));
  for (auto& p : leadership_probes())
    all.push_back(std::move(p));
  for (auto& p : documents_probes())
    all.push_back(std::move(p));
  for (auto& p : concerns_probes())
    all.push_back(std::move(p));
  for (auto& p : customers_probes())
    all.push_back(std::move(p));
  for (auto& p : notify_probes())
    all.push_back(std::move(p));
  for (auto& p : roles_probes())
    all.push_back(std::move(p));
  for (auto& p : risk_probes())
    all.push_back(std::move(p));
  for (auto& p : controls_probes())
    all.push_back(std::move(p));
  for (auto& p : objectives_probes())
    all.push_back(std::move(p));
  for (auto& p : review_probes())
    all.push_back(std::move(p));
  for (auto& p : improvement_probes())
    all.push_back(std::move(p));
  for (auto& p : internal_audit_probes())
    all.push_back(std::move(p));
  for (auto& p : data_quality_probes())
    all.push_back(std::move(p));
  for (auto& p : lifecycle_probes())
    all.push_back(std::move(p));
  for (auto& p : retention_probes())
    all.push_back(std::move(p));
  for (auto& p : sysdocs_probes())
    all.push_back(std::move(p));
  for (auto& p : oversight_probes())
    all.push_back(std::move(p));
  for (auto& p : register_probes())
    all.push_back(std::move(p));
  for (auto& p : monitoring_probes())
    all.push_back(std::move(p));
  return all;
}

class RouteMatrixTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<TestServer>(url_);
    org_ = server_->seed_org("Matrix Org");
    auto token = auth::create_token(server_->db(), org_.org.id, org_.users[Role::viewer].id,
                                    "probe", std::nullopt, {"cli", std::nullopt, "cli:test"});
    ASSERT_TRUE(token.ok());
    token_id_ = token->token.id;
    const trail::Actor actor{"cli", std::nullopt, "cli:test"};
    const records::Caller caller{actor, std::nullopt, std::nullopt};
    auto add = [&](const records::Description& d,
                   std::map<std::string, records::FieldValue> values) {
      records::Record r;
      r.values = std::move(values);
      auto created = records::create(server_->db(), d, org_.org.id, r, caller);
      EXPECT_TRUE(created.ok()) << created.error().message;
      return created.ok() ? created->id : 0;
    };
    ids_["{supplier}"] = add(inventory::suppliers(), {{"name", std::string("Matrix supplier")},
                                                      {"provides", std::string("data")}});
    ids_["{dataset}"] = add(inventory::datasets(), {{"name", std::string("Matrix data")},
                                                    {"source", std::string("test")}});
    ids_["{dq_requirement}"] =
        add(data_quality::requirements(), {{"name", std::string("Matrix completeness")},
                                           {"dataset_id", ids_["{dataset}"]},
                                           {"kind", std::string("completeness")},
                                           {"columns", std::vector<std::string>{"a"}},
                                           {"threshold", 0.9}});
    ids_["{model}"] = add(inventory::models(), {{"name", std::string("Matrix model")},
                                                {"model_version", std::string("1")},
                                                {"model_type", std::string("rules")}});
    ids_["{system}"] = add(inventory::ai_systems(), {{"name", std::string("Matrix system")},
                                                     {"purpose", std::string("test")},
                                                     {"org_role", std::string("deployer")},
                                                     {"owner_id", org_.users[Role::admin].id}});
    monitoring::MonitorInput monitor;
    monitor.system_id = ids_["{system}"];
    monitor.name = "Matrix monitor";
    monitor.config_json = R"({"columns":{"prediction":"p","label":"y"},"task":"classification"})";
    auto created = monitoring::create_monitor(server_->db(), org_.org.id, monitor, actor);
    ASSERT_TRUE(created.ok()) << created.error().message;
    ids_["{monitor}"] = created->id;
    ids_["{ai_requirement}"] =
        add(lifecycle::requirements(), {{"name", std::string("Matrix requirement")},
                                        {"ai_system_id", ids_["{system}"]},
                                        {"kind", std::string("functional")},
                                        {"statement", std::string("Answers")}});
    const int64_t validated =
        add(inventory::ai_systems(), {{"name", std::string("Matrix validated system")},
                                      {"purpose", std::string("test")},
                                      {"org_role", std::string("deployer")},
                                      {"owner_id", org_.users[Role::admin].id},
                                      {"model_ids", records::Ids{ids_["{model}"]}}});
    ids_["{validation}"] =
        add(lifecycle::validations(), {{"name", std::string("Matrix validation")},
                                       {"ai_system_id", validated},
                                       {"model_id", ids_["{model}"]},
                                       {"validator_id", org_.users[Role::contributor].id}});
    ids_["{stage_change}"] =
        add(lifecycle::stage_changes(), {{"name", std::string("Matrix stage change")},
                                         {"ai_system_id", ids_["{system}"]},
                                         {"to_stage", std::string("development")},
                                         {"justification", std::string("test")}});
    ids_["{change_request}"] =
        add(lifecycle::change_requests(), {{"title", std::string("Matrix change")},
                                           {"ai_system_id", validated},
                                           {"kind", std::string("configuration")},
                                           {"description", std::string("Moves")}});
    ids_["{instructions}"] =
        add(transparency::instructions(), {{"name", std::string("Matrix instructions")},
                                           {"ai_system_id", ids_["{system}"]},
                                           {"does", std::string("Matrix")},
                                           {"does_not", std::string("Matrix")},
                                           {"limitations", std::string("Matrix")},
                                           {"human_role", std::string("Matrix")},
                                           {"contest", std::string("Matrix")}});
    ids_["{technical_file}"] =
        add(technical_file::technical_files(),
            {{"name", std::string("Matrix technical file")}, {"ai_system_id", ids_["{system}"]}});
    ids_["{incident}"] = add(improvement::incidents(), {{"system_id", ids_["{system}"]},
                                                        {"title", std::string("Matrix incident")},
                                                        {"severity", std::string("low")}});
    ids_["{nonconformity}"] =
        add(improvement::nonconformities(),
            {{"title", std::string("Matrix nonconformity")}, {"grade", std::string("minor")}});
    ids_["{corrective_action}"] =
        add(improvement::corrective_actions(), {{"title", std::string("Matrix corrective action")},
                                                {"nonconformity_id", ids_["{nonconformity}"]},
                                                {"owner_id", org_.users[Role::admin].id},
                                                {"due_on", std::string("2026-12-31")}});
    ids_["{concern}"] =
        add(concerns::concerns(), {{"what_happened", std::string("Matrix concern")}});
    ids_["{dataset_version}"] =
        add(data::dataset_versions(),
            {{"dataset_id", ids_["{dataset}"]}, {"version_label", std::string("Matrix v1")}});
    ids_["{data_preparation}"] =
        add(data::data_preparations(), {{"dataset_version_id", ids_["{dataset_version}"]},
                                        {"kind", std::string("cleaning")},
                                        {"what_was_done", std::string("Matrix cleaning")}});
    ids_["{rights_review}"] =
        add(data::data_rights_reviews(), {{"dataset_id", ids_["{dataset}"]},
                                          {"legal_basis", std::string("not_personal_data")},
                                          {"reviewer_id", org_.users[Role::admin].id}});
    ids_["{document}"] = add(documents::documents(), {{"title", std::string("Matrix document")},
                                                      {"owner_id", org_.users[Role::admin].id}});
    seed_controls(caller, add);
    seed_risks(add);
    seed_retention(add);
    seed_context(add);
    seed_leadership(add);
    seed_roles(caller, add);
    seed_review(add);
    seed_customers(add);
    seed_suppliers(add);
  }

  // A customer receiving the matrix system, a notice of its incident, and one duty of the system.
  template <typename Add>
  void seed_customers(const Add& add) {
    ids_["{customer}"] = add(
        customers::customers(),
        {{"name", std::string("Matrix customer")}, {"system_ids", records::Ids{ids_["{system}"]}}});
    ids_["{customer_notice}"] =
        add(customers::customer_notices(), {{"title", std::string("Matrix notice")},
                                            {"customer_ids", records::Ids{ids_["{customer}"]}},
                                            {"kind", std::string("incident")},
                                            {"incident_id", ids_["{incident}"]},
                                            {"content", std::string("Matrix")}});
    ids_["{responsibility}"] =
        add(customers::responsibilities(),
            {{"system_id", ids_["{system}"]}, {"duty", std::string("art_26_2")}});
  }

  // An assessment, an evaluation and an exit plan of the matrix supplier.
  template <typename Add>
  void seed_suppliers(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{supplier_assessment}"] =
        add(suppliers::assessments(), {{"title", std::string("Matrix assessment")},
                                       {"supplier_id", ids_["{supplier}"]},
                                       {"assessed_on", std::string("2027-01-05")},
                                       {"assessor_id", admin}});
    ids_["{supplier_evaluation}"] =
        add(suppliers::evaluations(), {{"title", std::string("Matrix evaluation")},
                                       {"supplier_id", ids_["{supplier}"]},
                                       {"period_from", std::string("2027-01-01")},
                                       {"period_to", std::string("2027-01-31")},
                                       {"evaluator_id", admin},
                                       {"evaluated", std::string("Matrix")},
                                       {"outcome", std::string("meets")}});
    ids_["{supplier_exit_plan}"] =
        add(suppliers::exit_plans(), {{"title", std::string("Matrix exit plan")},
                                      {"supplier_id", ids_["{supplier}"]},
                                      {"owner_id", admin},
                                      {"triggers", std::string("Matrix")},
                                      {"fallback_kind", std::string("manual_process")},
                                      {"fallback", std::string("Matrix")}});
  }

  // An issue, a party with one requirement, a plan item and a communication made for it.
  template <typename Add>
  void seed_context(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{context_issue}"] = add(context::issues(), {{"title", std::string("Matrix issue")},
                                                      {"effect", std::string("Matrix")}});
    ids_["{interested_party}"] = add(context::parties(), {{"name", std::string("Matrix party")},
                                                          {"interest", std::string("Matrix")}});
    ids_["{party_requirement}"] = add(
        context::requirements(),
        {{"title", std::string("Matrix requirement")}, {"party_id", ids_["{interested_party}"]}});
    ids_["{plan_item}"] = add(context::plan_items(), {{"title", std::string("Matrix plan item")},
                                                      {"communicator_id", admin}});
    ids_["{communication}"] =
        add(context::communications(), {{"title", std::string("Matrix communication")},
                                        {"plan_item_id", ids_["{plan_item}"]},
                                        {"made_on", std::string("2026-01-05")}});
  }

  // A committee with a member, a meeting, a hold on the matrix system and a RACI assignment.
  template <typename Add>
  void seed_leadership(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{committee}"] = add(leadership::committees(), {{"name", std::string("Matrix committee")},
                                                         {"chair_id", admin},
                                                         {"may_halt_releases", true}});
    ids_["{committee_member}"] = add(leadership::committee_members(),
                                     {{"committee_id", ids_["{committee}"]}, {"person_id", admin}});
    ids_["{committee_meeting}"] =
        add(leadership::committee_meetings(),
            {{"committee_id", ids_["{committee}"]}, {"held_on", std::string("2026-11-02")}});
    ids_["{committee_decision}"] =
        add(leadership::committee_decisions(), {{"title", std::string("Matrix hold")},
                                                {"committee_id", ids_["{committee}"]},
                                                {"decided_on", std::string("2026-11-02")},
                                                {"kind", std::string("place_hold")},
                                                {"system_ids", records::Ids{ids_["{system}"]}},
                                                {"rationale", std::string("Matrix")}});
    ids_["{raci_assignment}"] =
        add(leadership::raci_assignments(), {{"system_id", ids_["{system}"]},
                                             {"activity", std::string("operation_monitoring")},
                                             {"person_id", admin},
                                             {"letter", std::string("accountable")}});
  }

  // A planned management review with one attendee and one action.
  template <typename Add>
  void seed_review(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{management_review}"] =
        add(review::management_reviews(), {{"title", std::string("Matrix review")},
                                           {"planned_on", std::string("2027-01-15")},
                                           {"chair_id", admin}});
    ids_["{review_attendee}"] =
        add(review::review_attendees(),
            {{"review_id", ids_["{management_review}"]}, {"person_id", admin}});
    ids_["{review_action}"] =
        add(review::review_actions(), {{"review_id", ids_["{management_review}"]},
                                       {"title", std::string("Matrix review action")},
                                       {"decision", std::string("Matrix")},
                                       {"owner_id", admin},
                                       {"due_on", std::string("2027-03-01")}});
  }

  // The standard roles, one of them held, a competence and a course giving it, and a training
  // record.
  template <typename Add>
  void seed_roles(const records::Caller& caller, const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    auto standard = roles::add_standard_roles(server_->db(), org_.org.id, caller);
    ASSERT_TRUE(standard.ok()) << standard.error().message;
    ids_["{aims_role}"] = standard->front().id;
    ids_["{role_assignment}"] =
        add(roles::role_assignments(), {{"person_id", admin},
                                        {"role_id", ids_["{aims_role}"]},
                                        {"from_date", std::string("2026-01-05")}});
    ids_["{competence}"] = add(roles::competences(), {{"name", std::string("Matrix competence")},
                                                      {"category", std::string("technical")}});
    ids_["{course}"] =
        add(roles::courses(), {{"title", std::string("Matrix course")},
                               {"competence_ids", records::Ids{ids_["{competence}"]}},
                               {"validity_months", int64_t(12)}});
    ids_["{training_record}"] =
        add(roles::training_records(), {{"person_id", admin},
                                        {"course_id", ids_["{course}"]},
                                        {"completed_on", std::string("2026-01-05")},
                                        {"result", std::string("passed")}});
  }

  // A risk with a treatment action, and an impact assessment with one harm.
  template <typename Add>
  void seed_risks(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{risk}"] = add(
        risk::risks(),
        {{"title", std::string("Matrix risk")}, {"owner_id", admin}, {"organisation_wide", true}});
    ids_["{risk_action}"] =
        add(risk::treatment_actions(), {{"title", std::string("Matrix action")},
                                        {"risk_id", ids_["{risk}"]},
                                        {"owner_id", admin},
                                        {"due_date", std::string("2027-01-31")}});
    ids_["{impact_assessment}"] =
        add(impact::assessments(), {{"title", std::string("Matrix assessment")},
                                    {"system_id", ids_["{system}"]},
                                    {"assessor_id", admin}});
    ids_["{impact}"] = add(impact::impacts(), {{"title", std::string("Matrix harm")},
                                               {"assessment_id", ids_["{impact_assessment}"]},
                                               {"mitigation", std::string("reviewed by people")}});
    ids_["{objective}"] =
        add(objectives::objectives(), {{"title", std::string("Matrix objective")},
                                       {"owner_id", admin},
                                       {"measure", std::string(objectives::kByHand)},
                                       {"target_value", 1.0},
                                       {"start_on", std::string("2027-01-01")},
                                       {"due_on", std::string("2027-12-31")}});
    ids_["{objective_measurement}"] =
        add(objectives::measurements(), {{"objective_id", ids_["{objective}"]},
                                         {"measured_on", std::string("2027-02-01")},
                                         {"value", 0.5}});
    seed_audits(add);
    seed_resources(add);
  }

  // A tool and a compute resource of the matrix system, a plan for 2027 and a logging requirement
  // whose logs reach the matrix monitor.
  template <typename Add>
  void seed_resources(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    const records::Ids system = {ids_["{system}"]};
    ids_["{tool}"] = add(resources::tools(), {{"name", std::string("Matrix tool")},
                                              {"category", std::string("framework")},
                                              {"system_ids", system},
                                              {"owner_id", admin}});
    ids_["{compute_resource}"] =
        add(resources::compute_resources(), {{"name", std::string("Matrix compute")},
                                             {"kind", std::string("cloud")},
                                             {"system_ids", system},
                                             {"owner_id", admin}});
    ids_["{resource_plan}"] =
        add(resources::resource_plans(), {{"title", std::string("Matrix plan")},
                                          {"period_start", std::string("2027-01-01")},
                                          {"period_end", std::string("2027-12-31")},
                                          {"owner_id", admin}});
    ids_["{logging_requirement}"] =
        add(monitoring::logging_requirements(), {{"title", std::string("Matrix log")},
                                                 {"system_id", ids_["{system}"]},
                                                 {"what_is_logged", std::string("Decisions")},
                                                 {"retention_months", int64_t{6}},
                                                 {"monitor_id", ids_["{monitor}"]},
                                                 {"cadence_hours", int64_t{24}},
                                                 {"owner_id", admin}});
  }

  // A rule for datasets, a legal hold holding nothing, and a disposal of the dataset requested.
  template <typename Add>
  void seed_retention(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{retention_rule}"] =
        add(retention::rules(), {{"title", std::string("Matrix rule")},
                                 {"record_type", std::string("dataset")},
                                 {"ai_act_role", std::string("any")},
                                 {"period_years", int64_t{2}},
                                 {"starts_from", std::string(retention::kFromCreated)},
                                 {"basis", std::string("Matrix")},
                                 {"end_action", std::string("dispose")}});
    ids_["{legal_hold}"] = add(retention::holds(), {{"title", std::string("Matrix hold")},
                                                    {"reason", std::string("Matrix")},
                                                    {"placed_by_id", admin},
                                                    {"placed_on", std::string("2026-12-01")}});
    // Loaded three years ago, past the rule's two: its disposal may be requested.
    auto loaded = records::create_backdated(
        server_->db(), inventory::datasets(), org_.org.id,
        {{"user", admin, "admin"}, admin, Role::admin},
        {{"name", std::string("Matrix old data")}, {"source", std::string("Matrix")}}, 3 * 366);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ids_["{disposal}"] = add(retention::disposals(), {{"record_type", std::string("dataset")},
                                                      {"record_id", loaded->id},
                                                      {"rule_id", ids_["{retention_rule}"]},
                                                      {"reason", std::string("Matrix")},
                                                      {"requested_by_id", admin}});
    ids_["{oversight_plan}"] =
        add(oversight::plans(), {{"name", std::string("Matrix oversight plan")},
                                 {"ai_system_id", ids_["{system}"]},
                                 {"acceptable_use", std::string("Matrix")},
                                 {"mode", std::string("every")},
                                 {"reviewer_role", std::string("contributor")}});
  }

  // A programme with one audit of 9.1 whose one checklist item conforms.
  template <typename Add>
  void seed_audits(const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{audit_programme}"] =
        add(internal_audit::programmes(), {{"title", std::string("Matrix programme")},
                                           {"period_start", std::string("2027-01-01")},
                                           {"period_end", std::string("2027-12-31")},
                                           {"owner_id", admin}});
    ids_["{internal_audit}"] =
        add(internal_audit::audits(), {{"programme_id", ids_["{audit_programme}"]},
                                       {"title", std::string("Matrix audit")},
                                       {"criteria", std::vector<std::string>{"9.1"}},
                                       {"lead_auditor_id", admin},
                                       {"planned_start", std::string("2027-03-01")},
                                       {"planned_end", std::string("2027-03-05")}});
    ids_["{audit_item}"] = add(internal_audit::items(), {{"audit_id", ids_["{internal_audit}"]},
                                                         {"criterion", std::string("9.1")},
                                                         {"question", std::string("Matrix")},
                                                         {"result", std::string("conforms")}});
  }

  // Evidence, a manual assessment, and an SoA decided in full with one version submitted.
  template <typename Add>
  void seed_controls(const records::Caller& caller, const Add& add) {
    const int64_t admin = org_.users[Role::admin].id;
    ids_["{evidence}"] = add(controls::evidence(), {{"title", std::string("Matrix evidence")},
                                                    {"owner_id", admin},
                                                    {"collected_on", std::string("2026-01-05")}});
    ids_["{assessment}"] =
        add(controls::assessments(), {{"requirement", std::string("4.4")},
                                      {"status", std::string("met")},
                                      {"notes", std::string("Matrix")},
                                      {"assessor_id", admin},
                                      {"assessed_on", std::string("2026-01-05")}});
    ASSERT_TRUE(controls::start_soa(server_->db(), org_.org.id, caller).ok());
    auto entries = records::list_all(server_->db(), controls::soa_entries(), org_.org.id);
    ASSERT_TRUE(entries.ok());
    ids_["{soa_entry}"] = entries->front().id;
    for (const auto& e : *entries) {
      records::Record decided;
      decided.values = {{"applicability", std::string("applicable")},
                        {"justification", std::string("Matrix")},
                        {"owner_id", admin}};
      ASSERT_TRUE(records::update(server_->db(), controls::soa_entries(), org_.org.id, e.id,
                                  decided, e.version, caller)
                      .ok());
    }
    ids_["{soa_version}"] =
        add(controls::soa_versions(), {{"change_summary", std::string("Matrix")}});
  }

  std::string fill(std::string target) const {
    auto replace = [&](const std::string& key, int64_t id) {
      if (auto at = target.find(key); at != std::string::npos)
        target.replace(at, key.size(), std::to_string(id));
    };
    replace("{user}", org_.users.at(Role::admin).id);
    replace("{token}", token_id_);
    for (const auto& [key, id] : ids_)
      replace(key, id);
    return target;
  }

  int send(HttpClient& client, const Probe& p) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!client.csrf().empty()) headers.emplace_back("X-CSRF-Token", client.csrf());
    if (p.method == "PATCH" || p.method == "PUT") headers.emplace_back("If-Match", "\"999\"");
    if (!p.body.empty()) {
      const bool api = p.target.starts_with("/api/");
      headers.emplace_back("Content-Type",
                           api ? "application/json" : "application/x-www-form-urlencoded");
    }
    return client.request(p.method, fill(p.target), p.body, headers).status;
  }

  std::unique_ptr<TestServer> server_;
  testing::SeededOrg org_;
  int64_t token_id_ = 0;
  std::map<std::string, int64_t> ids_;
};

TEST_P(RouteMatrixTest, EveryRouteWithEveryRole) {
  const std::vector<Role> roles = {Role::admin, Role::aims_manager, Role::contributor,
                                   Role::auditor, Role::viewer};
  std::map<Role, HttpClient> sessions;
  for (Role role : roles)
    sessions.emplace(role, server_->signed_in(org_, role));
  for (const auto& p : all_probes()) {
    for (size_t column = 0; column < roles.size(); ++column) {
      std::optional<HttpClient> fresh;
      if (p.fresh_session) fresh = server_->signed_in(org_, roles[column]);
      HttpClient& client = fresh ? *fresh : sessions.at(roles[column]);
      EXPECT_EQ(send(client, p), p.expected[column])
          << p.method << " " << p.pattern << " as " << auth::to_string(roles[column]);
    }
    HttpClient anonymous = server_->client();
    EXPECT_EQ(send(anonymous, p), p.expected[kAnon])
        << p.method << " " << p.pattern << " anonymously";
  }
}

TEST_P(RouteMatrixTest, MatrixCoversEveryRegisteredRoute) {
  std::set<std::pair<std::string, std::string>> registered, probed;
  for (const auto& route : server_->app().router().routes())
    registered.emplace(route.method, route.pattern);
  for (const auto& p : all_probes())
    probed.emplace(p.method, p.pattern);
  for (const auto& r : registered) {
    EXPECT_TRUE(probed.count(r)) << "no matrix row for " << r.first << " " << r.second;
  }
  for (const auto& p : probed) {
    EXPECT_TRUE(registered.count(p))
        << "matrix row for a route that does not exist: " << p.first << " " << p.second;
  }
}

TEST_P(RouteMatrixTest, OpenApiDescribesExactlyTheJsonRoutes) {
  std::set<std::pair<std::string, std::string>> json_routes, documented;
  for (const auto& route : server_->app().router().routes()) {
    if (route.kind == http::RouteKind::api) json_routes.emplace(route.method, route.pattern);
  }
  for (const auto& op : http::openapi_operations())
    documented.insert(op);
  for (const auto& r : json_routes) {
    EXPECT_TRUE(documented.count(r))
        << r.first << " " << r.second << " is missing from openapi.json";
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(json_routes.count(d))
        << d.first << " " << d.second << " is documented but not served";
  }
  auto doc = server_->client().get("/api/v1/openapi.json").json();
  EXPECT_EQ(doc.value("openapi", ""), "3.1.0");
}

INSTANTIATE_TEST_SUITE_P(Backends, RouteMatrixTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
