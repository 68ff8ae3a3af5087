// A schema summary from a dataset's first records: one "name: type" line per column, the type
// guessed from the values seen (integer, decimal, boolean, date, text; object or list in JSON).
#pragma once

#include <string>
#include <vector>

namespace aims::data {

// `records`: the CSV header, then rows (a quoted field may hold commas, quotes and line breaks).
std::string csv_schema(const std::vector<std::string>& records);
// `records`: JSON Lines objects; the columns are their members in the order first seen. Lines
// that are not JSON objects are passed over.
std::string jsonl_schema(const std::vector<std::string>& records);

}  // namespace aims::data
