#include "web/markdown.h"

#include <cstdlib>
#include <memory>

#include <cmark.h>

namespace aims::web {

std::string markdown_html(std::string_view markdown) {
  // Without CMARK_OPT_UNSAFE, cmark replaces raw HTML by a comment and drops unsafe link
  // schemes, so whatever a person typed cannot script the page.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace aims::web
