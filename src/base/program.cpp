#include "base/program.h"

#include <cerrno>
#include <cstring>

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace aims {
namespace {

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<int> run_program(const std::vector<std::string>& argv,
                        const std::vector<std::string>& extra_environment) {
  std::vector<std::string> args = argv;
  std::vector<std::string> environment = extra_environment;
  for (char** e = environ; *e; ++e)
    environment.emplace_back(*e);  // after the extras: the first of a name is the one used
  auto arg_pointers = pointers(args);
  auto environment_pointers = pointers(environment);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, args.front().c_str(), nullptr, nullptr,
                                   arg_pointers.data(), environment_pointers.data());
  if (spawned != 0) {
    return Error::not_found("cannot run " + args.front() + ": " + std::strerror(spawned));
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR)
      return Error::internal("lost " + args.front() + ": " + std::strerror(errno));
  }
  if (!WIFEXITED(status)) return Error::internal(args.front() + " was killed");
  return WEXITSTATUS(status);
}

}  // namespace aims
