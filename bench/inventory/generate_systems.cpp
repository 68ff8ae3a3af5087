// Writes a CSV of N synthetic AI systems in the inventory's import layout (deterministic).
//   aims_generate_systems N OWNER_EMAIL > systems.csv
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: aims_generate_systems N OWNER_EMAIL\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  const char* owner = argv[2];
  const char* stages[] = {"design",     "development",          "verification_validation",
                          "deployment", "operation_monitoring", "retirement"};
  const char* tiers[] = {"low", "medium", "high", "critical"};
  const char* units[] = {"Retail Banking",   "Payments",    "Human Resources",
                         "Customer Service", "Engineering", "Health"};
  const char* uses[] = {"scoring", "ranking",         "triage",     "forecasting",
                        "chat",    "fraud screening", "summarising"};
  std::mt19937 random(42);
  std::printf(
      "name,purpose,org_role,business_unit,owner_email,lifecycle_stage,automation_level,eu_ai_act_"
      "class,"
      "annex_iii_area,eu_class_rationale,risk_tier,in_scope,scope_exclusion_reason,tags\r\n");
  for (long i = 0; i < n; ++i) {
    const char* use = uses[random() % 7];
    const bool high = random() % 5 == 0;
    const bool out = random() % 20 == 0;
    std::printf(
        "System %06ld %s,\"Automates %s for unit %ld, with a "
        "comma\",deployer,%s,%s,%s,human_in_the_loop,%s,%s,%s,%s,%s,%s,%s;batch-%ld\r\n",
        i, use, use, i % 97, units[random() % 6], owner, stages[random() % 6],
        high ? "high_risk" : "minimal", high ? "employment" : "",
        high ? "Annex III 4" : "No Annex III use", tiers[random() % 4], out ? "no" : "yes",
        out ? "Prototype" : "", use, i % 10);
  }
  return 0;
}
