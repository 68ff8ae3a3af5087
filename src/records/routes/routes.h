// Every register's pages, JSON API and OpenAPI operations, generated from its description, plus
// the search across registers. Domain modules add panels to their records' pages.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/context.h"
#include "http/router.h"
#include "records/records.h"

namespace aims::records {

// A section a domain module adds to the page of one register's records (the monitoring of an AI
// system, its incidents), rendered as HTML. Empty text shows nothing.
using RecordPanel = std::function<Result<std::string>(const http::Context& ctx, int64_t id)>;

struct PageOptions {
  std::vector<RecordPanel> panels;
  // Shown at the top of the page, before the record's fields: what must not be missed (a hold
  // that stops an AI system's release).
  std::vector<RecordPanel> banners = {};
};

// Who the signed-in caller is, as the records platform and a module's own routes pass it on.
Caller caller_of(const http::Context& ctx);

// The register's pages (below its page_path), JSON routes (below its api_path), its sidebar
// entry and its OpenAPI operations.
void register_routes(http::Router& router, const Description& d, PageOptions options = {});

// The search box's page (/search) and /api/v1/search.
void register_search_routes(http::Router& router);

// A list a domain module adds to My work (the documents someone must acknowledge): what the
// person asking must do that is not a due date or an approval.
struct WorkItem {
  std::string name;
  std::string href;
  std::string note;  // "version 2, asked 2026-03-01"
};
struct WorkSection {
  std::string key;    // the API's name for it: "to_acknowledge"
  std::string title;  // "Documents to acknowledge"
  std::string empty;  // "Nothing to acknowledge."
  std::function<Result<std::vector<WorkItem>>(const http::Context& ctx)> items;
};
// Added at start-up, like define; adding a key again replaces the section.
void add_work_section(WorkSection section);

// My work (/my-work, /api/v1/my-work) and the personal calendar feeds (/calendar/<token>.ics),
// whose links start with `public_url` (else the Host the calendar application asked).
void register_my_work_routes(http::Router& router, std::string public_url);

// The OpenAPI paths and schemas of a register, as a fragment http::add_openapi_fragment takes.
std::string openapi_fragment(const Description& d);

}  // namespace aims::records
