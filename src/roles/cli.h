// `aims competence-matrix` and `aims standard-roles`: the matrix and the standard roles from a
// shell, as the API serves them.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::roles {

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::roles
