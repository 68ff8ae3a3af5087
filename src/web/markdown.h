// Markdown that people write (policies, procedures, notes) as HTML that is safe to show: cmark
// renders it with raw HTML and dangerous links (javascript:, data: other than images) removed.
#pragma once

#include <string>
#include <string_view>

namespace aims::web {

std::string markdown_html(std::string_view markdown);

}  // namespace aims::web
