// Running another program (pg_dump, pg_restore) and waiting for it, without a shell.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace aims {

// Runs argv[0] (looked up in PATH) with `argv`, its environment this process's plus
// `extra_environment` ("NAME=value"), its output and errors on this process's. Returns its exit
// status. Errors: not_found when the program cannot be started; internal when it was killed.
Result<int> run_program(const std::vector<std::string>& argv,
                        const std::vector<std::string>& extra_environment = {});

}  // namespace aims
