// What the pages of any register show, as template views (private to records/routes/): values
// as people read them (labels, names with links, Markdown, dates), lists with filters and sort
// links, record pages with their workflow, forms with every error beside its field.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "records/records.h"

namespace aims::records::views {

// The names a page shows instead of ids: people, and the records its references point at.
struct Names {
  std::map<int64_t, std::string> users;                       // every user: id -> name
  std::vector<std::pair<int64_t, std::string>> active_users;  // for pickers
  ReferencedNames records;                                    // target type -> id -> name
  // Pickers need every record of a target; pages of records only those they show.
  static Result<Names> for_form(const http::Context& ctx, const Description& d);
  static Result<Names> for_records(const http::Context& ctx, const Description& d,
                                   const std::vector<Record>& shown);
};

// The register's plural with a capital, for headings and page titles.
std::string heading(const Description& d);
nlohmann::json register_view(const Description& d);
std::string record_href(const Description& d, int64_t id);
// One value as people read it: {label, key, text | html | list | items (references)}.
nlohmann::json value_view(const Description& d, const Field& f, const Record& r, const Names& n);
nlohmann::json list_view(const http::Context& ctx, const Description& d, const Query& q,
                         const Page& page, const Names& names);
nlohmann::json record_view(const Description& d, const Record& r, const Names& names);
// What refers to record `id` (referred_by's answer): a table per register and field with the
// columns that register's list shows, less references (the one back here, and others whose names
// the page has not read), and a link to that list filtered to this record where it can be.
nlohmann::json referrers_view(int64_t id, const std::vector<Referrer>& referrers,
                              const Names& names);
nlohmann::json workflow_view(const Description& d, const Record& r, const WorkflowView& w,
                             const Names& names);
// `error` (possibly with several problems) is shown beside the fields it names.
nlohmann::json form_view(const Description& d, const Record& r, const Names& names,
                         const Error* error);

// The list query from the page's or the API's query string. Errors: invalid_argument naming
// the parameter.
Result<Query> read_query(const http::Context& ctx, const Description& d);

// A record from a submitted form: every input field is on the form, so an absent checkbox
// means "no". A value that cannot be read adds a problem and stays as typed, for the form to
// show it again.
Record record_from_form(const http::Context& ctx, const Description& d, Problems& problems);

}  // namespace aims::records::views
