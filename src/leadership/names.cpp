#include "leadership/names.h"

namespace aims::leadership {

Result<std::string> referenced_name(const records::WriteContext& ctx, const records::Record& r,
                                    const char* key, const records::Description& target) {
  const auto ids = r.ids(key);
  if (ids.empty()) return std::string();
  TRY_ASSIGN(const auto found, records::find(ctx, target, ids.front()));
  return found ? target.display_name(*found) : std::string();
}

}  // namespace aims::leadership
