// The one binary: `aims <subcommand>`. Everything lives in the modules below src/.
#include "cli/cli.h"

int main(int argc, char** argv) {
  return aims::cli::run(argc, argv);
}
