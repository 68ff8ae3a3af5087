// `aims validations run --id ID --log FILE [--perturbed FILE]`: a validation log (and a robustness
// pair) checked against the system's agreed acceptance criteria from a pipeline, the run stored as
// evidence; exit 4 when a criterion is not met.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::lifecycle {

// Exit status when a criterion is not met (as `aims monitor run --fail-on-breach`).
inline constexpr int kNotMet = 4;

// Adds `run` to the `validations` subcommand the records platform made; after it.
void register_cli(CLI::App& app, std::function<int()>& chosen);
// `aims gate check --system ID --stage STAGE [...]`: exit 0 passed, 4 not, 2 on a usage error.
void register_gate_cli(CLI::App& app, std::function<int()>& chosen);
// `aims lifecycle-policy show [--json]` and `set --file FILE`: exit 2 on a usage error.
void register_policy_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::lifecycle
