#include "oversight/cli.h"

#include <cstdio>
#include <iostream>
#include <memory>

#include "command/common.h"
#include "oversight/oversight.h"

namespace aims::oversight {
namespace {

struct Args {
  std::string db;
  std::string org;
  int64_t system_id = 0;
  int days = 30;
  bool as_json = false;
  std::string decision_id;
  std::string outcome;
  double score = 0;
  CLI::Option* score_option = nullptr;  // given: its count is 1
  std::vector<std::string> groups;      // attribute=value
};

std::string share_text(const std::optional<double>& v) {
  if (!v) return "none reviewed";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *v * 100);
  return text;
}

void print_metrics(const Metrics& m, int days) {
  std::cout << "The last " << days << " days: " << m.decisions << " decisions, " << m.held
            << " held, " << m.sampled << " sampled, " << m.reviewed << " reviewed ("
            << share_text(m.reviewed_share) << "), " << m.pending << " pending\n"
            << "Override rate: " << share_text(m.override_rate) << " (" << m.overridden
            << " overridden)\n";
  if (m.median_seconds)
    std::cout << "Time to decision: median " << *m.median_seconds << " s, 90th percentile "
              << *m.p90_seconds << " s\n";
  for (const auto& g : m.groups)
    std::cout << "  " << g.group << ": " << g.decisions << " decisions, " << g.reviewed
              << " reviewed, override rate " << share_text(g.override_rate) << "\n";
}

int metrics_command(const Args& a) {
  if (a.days < 1 || a.days > 366) {
    command::fail(Error::invalid("days", "--days is a whole number from 1 to 366"));
    return command::kUsage;
  }
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto m = metrics(*o->db, o->org, a.system_id, a.days);
  if (!m) return command::fail(m.error());
  if (a.as_json) {
    std::cout << to_json(*m).dump(2) << "\n";
  } else {
    print_metrics(*m, a.days);
  }
  return 0;
}

int submit_command(const Args& a) {
  DecisionInput input{.decision_id = a.decision_id, .outcome = a.outcome};
  if (a.score_option && a.score_option->count() > 0) input.score = a.score;
  for (const auto& g : a.groups) {
    const auto eq = g.find('=');
    if (eq == std::string::npos || eq == 0) {
      command::fail(Error::invalid("group", "write each --group as attribute=value"));
      return command::kUsage;
    }
    input.groups[g.substr(0, eq)] = g.substr(eq + 1);
  }
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto s = submit(*o->db, o->org, a.system_id, input, {.actor = command::cli_actor()});
  if (!s) return command::fail(s.error());
  std::cout << to_json(s->decision).dump(2) << "\n";
  return 0;
}

void add_common(CLI::App& cmd, Args& a) {
  command::add_db_option(cmd, a.db);
  command::add_org_option(cmd, a.org);
  cmd.add_option("--system", a.system_id, "The AI system's id")->required();
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("oversight", "Human oversight of AI systems in operation");
  group->require_subcommand(1);
  auto m = std::make_shared<Args>();
  auto* metrics_cmd = group->add_subcommand(
      "metrics",
      "A system's oversight metrics: volume, reviews, override rate overall and per "
      "group, time to decision");
  add_common(*metrics_cmd, *m);
  metrics_cmd->add_option("--days", m->days, "The period, in days up to today (default 30)");
  metrics_cmd->add_flag("--json", m->as_json, "Print JSON as the API answers");
  metrics_cmd->callback([&chosen, m] { chosen = [m] { return metrics_command(*m); }; });

  auto s = std::make_shared<Args>();
  auto* submit_cmd = group->add_subcommand(
      "submit",
      "Submit a decision to the review queue as the system's plan routes it; prints "
      "whether it waits for a person");
  add_common(*submit_cmd, *s);
  submit_cmd->add_option("--decision-id", s->decision_id, "The system's own id of the decision")
      ->required();
  submit_cmd->add_option("--outcome", s->outcome, "What the system decided")->required();
  s->score_option = submit_cmd->add_option("--score", s->score, "The system's confidence, 0 to 1")
                        ->check(CLI::Range(0.0, 1.0));
  submit_cmd->add_option("--group", s->groups, "A group attribute as attribute=value (repeat)");
  submit_cmd->callback([&chosen, s] { chosen = [s] { return submit_command(*s); }; });
}

}  // namespace aims::oversight
