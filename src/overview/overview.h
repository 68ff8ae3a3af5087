// The overview page (dashboard): the state of the organisation's management system at a glance,
// built from the records of the other modules.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/context.h"
#include "http/router.h"

namespace aims::overview {

// One number on the dashboard, with a line saying what it means and where to look.
struct Headline {
  std::string label;
  std::string value;
  std::string note;
  std::string href;
  std::string tone;  // "", "good", "warn" or "bad"
};

// A module's headlines for the signed-in organisation. The dashboard shows them in the order the
// sources were given, without knowing the modules.
using HeadlineSource = std::function<Result<std::vector<Headline>>(const http::Context&)>;

// One step of the path a new organisation follows (scope, inventory, ...), done or not as its
// records say. The dashboard shows the path, in `order`, until every step is done.
struct Step {
  int order = 0;
  std::string label;  // "Write the AIMS scope"
  bool done = false;
  std::string note;  // what is missing, or what shows it is done
  std::string href;  // where to do it
};
using StepSource = std::function<Result<std::vector<Step>>(const http::Context&)>;

void register_routes(http::Router& router, std::vector<HeadlineSource> sources,
                     std::vector<StepSource> steps = {});

// Records past a due date in every register (records/due.h), with how many are the caller's;
// it links to My work.
Result<std::vector<Headline>> overdue_headlines(const http::Context& ctx);

}  // namespace aims::overview
