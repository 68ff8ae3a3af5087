// The `aims` command line: every subcommand, and the composition root that wires modules together.
#pragma once

namespace aims::cli {

// Exit codes: 0 success, 1 the operation failed, 2 wrong usage, 3 the audit trail failed
// verification.
int run(int argc, char** argv);

}  // namespace aims::cli
