// OSCAL 1.2.1 catalogs and mapping collections written from aims' frameworks, and OSCAL catalogs
// read back as frameworks. The schemas are closed (no unknown members, no empty arrays, patterned
// one-line strings), so every optional member is left out when empty and one-line text is cleaned
// before it is written.
#include "controls/oscal.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"

namespace aims::controls {
namespace {

using nlohmann::json;

constexpr std::string_view kNistNamespace = "http://csrc.nist.gov/ns/oscal";

bool is_alnum_ascii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_token(std::string_view text) {
  if (text.empty() ||
      !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z') || text[0] == '_'))
    return false;
  for (char c : text) {
    if (!is_alnum_ascii(c) && c != '.' && c != '-' && c != '_') return false;
  }
  return true;
}

// The token an item id becomes before collisions are resolved (oscal_ids documents the rule).
std::string token_of(std::string_view id) {
  std::string out;
  for (size_t i = 0; i < id.size();) {
    if (is_alnum_ascii(id[i])) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(id[i])));
      ++i;
      continue;
    }
    size_t j = i;
    while (j < id.size() && !is_alnum_ascii(id[j]))
      ++j;
    // Leading and trailing punctuation ("(1)" ends "Annex III(1)") adds nothing to tell ids apart.
    if (!out.empty() && j < id.size()) out += id.substr(i, j - i) == "." ? '.' : '-';
    i = j;
  }
  if (out.empty()) return "item";
  if (!(out[0] >= 'a' && out[0] <= 'z')) out.insert(0, "c-");
  return out;
}

// The length of the character at text[i] that JavaScript's \s matches (the schemas' patterns are
// ECMAScript), 0 when it is something else.
size_t space_length(std::string_view t, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(t[k]); };
  const unsigned char c = byte(i);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c == 0xc2 && i + 1 < t.size() && byte(i + 1) == 0xa0) return 2;  // no-break space
  if (i + 2 >= t.size()) return 0;
  const unsigned char c1 = byte(i + 1), c2 = byte(i + 2);
  if (c == 0xe1 && c1 == 0x9a && c2 == 0x80) return 3;  // U+1680
  if (c == 0xe2 && c1 == 0x80 && (c2 <= 0x8a || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf))
    return 3;                                           // U+2000-200A, U+2028, U+2029, U+202F
  if (c == 0xe2 && c1 == 0x81 && c2 == 0x9f) return 3;  // U+205F
  if (c == 0xe3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  if (c == 0xef && c1 == 0xbb && c2 == 0xbf) return 3;  // U+FEFF
  return 0;
}

// Text for a one-line member (a title, a prop value, a version): the schemas want no line break
// inside and no space at either end.
std::string one_line(std::string_view text) {
  std::string out;
  size_t end = 0;  // the length of `out` up to its last character that is not a space
  for (size_t i = 0; i < text.size();) {
    const size_t n = space_length(text, i);
    if (n == 0) {
      out += text[i++];
      end = out.size();
      continue;
    }
    const std::string_view space = text.substr(i, n);
    const bool line_break = space == "\n" || space == "\r" || space == "\v" || space == "\f" ||
                            space == "\xe2\x80\xa8" || space == "\xe2\x80\xa9";
    if (!out.empty()) out += line_break ? std::string_view(" ") : space;
    i += n;
  }
  out.resize(end);
  return out;
}

void add_prop(json& props, const std::string& name, std::string_view value, bool aims_ns = true) {
  std::string v = one_line(value);
  if (v.empty()) return;
  json p = {{"name", name}, {"value", std::move(v)}};
  if (aims_ns) p["ns"] = std::string(kOscalNamespace);
  props.push_back(std::move(p));
}

void add_part(json& parts, const std::string& id, const std::string& name, const std::string& prose,
              bool aims_ns = false) {
  if (trim(prose).empty()) return;
  json p = {{"id", id}, {"name", name}, {"prose", prose}};
  if (aims_ns) p["ns"] = std::string(kOscalNamespace);
  parts.push_back(std::move(p));
}

std::string title_of(const Item& item, const std::string& oscal_id) {
  std::string t = one_line(item.title);
  if (t.empty()) t = one_line(item.id);
  return t.empty() ? oscal_id : t;
}

json item_node(const Item& item, const std::string& oscal_id, bool as_group) {
  json node = {{"id", oscal_id}, {"title", title_of(item, oscal_id)}};
  // The class lets OSCAL tools that ignore aims' props still tell requirements, controls,
  // objectives and risk sources apart.
  if (!as_group && is_token(item.kind)) node["class"] = item.kind;
  json props = json::array();
  add_prop(props, "label", item.id, false);
  add_prop(props, "kind", item.kind);
  add_prop(props, "documented-information", item.documented_information);
  add_prop(props, "applies-from", item.applies_from);
  for (const auto& role : item.roles)
    add_prop(props, "role", role);
  if (!props.empty()) node["props"] = std::move(props);
  json parts = json::array();
  add_part(parts, oscal_id + "_smt", "statement", item.description);
  add_part(parts, oscal_id + "_gdn", "guidance", item.guidance);
  add_part(parts, oscal_id + "_note", "note", item.note, true);
  if (!parts.empty()) node["parts"] = std::move(parts);
  return node;
}

std::string catalog_uuid(const Framework& f) {
  return oscal_uuid("catalog\x1f" + f.key + "\x1f" + std::to_string(f.revision));
}

std::string resource_uuid(const Framework& f) {
  return oscal_uuid("catalog-resource\x1f" + f.key + "\x1f" + std::to_string(f.revision));
}

json resource_of(const Framework& f) {
  json r = {{"uuid", resource_uuid(f)}};
  const std::string title = one_line(f.name);
  r["title"] = title.empty() ? f.key : title;
  json props = json::array();
  add_prop(props, "framework-key", f.key);
  add_prop(props, "revision", std::to_string(f.revision));
  // The uuid of this framework's own catalog export, so that the two documents can be matched.
  add_prop(props, "catalog-uuid", catalog_uuid(f));
  r["props"] = std::move(props);
  return r;
}

std::string reference_to(const std::map<std::string, std::string>& ids, const std::string& id) {
  const auto it = ids.find(id);
  return it == ids.end() ? token_of(id) : it->second;
}

// --- Import --------------------------------------------------------------------------------------

struct Props {
  std::optional<std::string> label;
  std::multimap<std::string, std::string> aims;  // kOscalNamespace props by name, in order
  std::optional<std::string> aims_value(const std::string& name) const {
    const auto it = aims.lower_bound(name);  // the first of several, unlike find()
    if (it == aims.end() || it->first != name) return std::nullopt;
    return it->second;
  }
};

struct Texts {
  std::string statement;
  std::string guidance;
  std::string note;
};

// Where each imported item came from, to name the OSCAL member when parse_framework refuses it.
struct Origin {
  std::string path;  // "catalog.groups[0].controls[3]"
  bool id_from_label = false;
};

// Walks the catalog into the item list of docs/catalogs.md, keeping the first problem.
class Importer {
 public:
  std::optional<Error> problem;
  json items = json::array();
  std::vector<Origin> origins;
  size_t controls = 0;

  void fail(const std::string& field, const std::string& message) {
    if (!problem) problem = Error::invalid(field, field + " " + message);
  }

  std::optional<std::string> text(const json& object, const char* key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_string()) {
      fail(path + "." + key, "must be a string");
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  Props props(const json& object, const std::string& path) {
    Props out;
    const auto it = object.find("props");
    if (it == object.end()) return out;
    if (!it->is_array()) {
      fail(path + ".props", "must be a list");
      return out;
    }
    bool label_has_class = false;
    for (size_t k = 0; k < it->size(); ++k) {
      const json& p = (*it)[k];
      const std::string at = path + ".props[" + std::to_string(k) + "]";
      if (!p.is_object()) {
        fail(at, "must be an object");
        return out;
      }
      const auto name = text(p, "name", at);
      const auto value = text(p, "value", at);
      const auto ns = text(p, "ns", at);
      if (problem) return out;
      if (!name || !value) {
        fail(at, "must have a name and a value");
        return out;
      }
      if (ns && *ns == kOscalNamespace) {
        out.aims.emplace(*name, *value);
      } else if (*name == "label" && (!ns || *ns == kNistNamespace)) {
        // Catalogs such as NIST SP 800-53 add alternative labels with a class ("zero-padded");
        // the plain one is the identifier as the framework writes it.
        const bool has_class = p.contains("class");
        if (!out.label || (label_has_class && !has_class)) {
          out.label = *value;
          label_has_class = has_class;
        }
      }
    }
    return out;
  }

  // The prose of `part` and of its nested parts, in order, each after a blank line.
  void prose(const json& part, const std::string& path, size_t depth, std::string& out) {
    if (depth > kOscalMaxDepth) {
      fail(path, "is nested deeper than " + std::to_string(kOscalMaxDepth) + " levels");
      return;
    }
    if (const auto p = text(part, "prose", path); p && !trim(*p).empty()) {
      if (!out.empty()) out += "\n\n";
      out += *p;
    }
    const auto it = part.find("parts");
    if (it == part.end()) return;
    if (!it->is_array()) {
      fail(path + ".parts", "must be a list");
      return;
    }
    for (size_t k = 0; k < it->size() && !problem; ++k) {
      const std::string at = path + ".parts[" + std::to_string(k) + "]";
      if (!(*it)[k].is_object()) {
        fail(at, "must be an object");
        return;
      }
      prose((*it)[k], at, depth + 1, out);
    }
  }

  Texts parts(const json& node, const std::string& path) {
    Texts out;
    const auto it = node.find("parts");
    if (it == node.end()) return out;
    if (!it->is_array()) {
      fail(path + ".parts", "must be a list");
      return out;
    }
    for (size_t k = 0; k < it->size() && !problem; ++k) {
      const json& part = (*it)[k];
      const std::string at = path + ".parts[" + std::to_string(k) + "]";
      if (!part.is_object()) {
        fail(at, "must be an object");
        return out;
      }
      const auto name = text(part, "name", at);
      const auto ns = text(part, "ns", at);
      if (!name) {
        fail(at + ".name", "is required");
        return out;
      }
      const bool oscal = !ns || *ns == kNistNamespace;
      if (oscal && *name == "statement") prose(part, at, 1, out.statement);
      if (oscal && *name == "guidance") prose(part, at, 1, out.guidance);
      if (ns && *ns == kOscalNamespace && *name == "note") prose(part, at, 1, out.note);
    }
    return out;
  }

  // Reads one group or control; returns its item id.
  std::string item(const json& node, const std::string& path, const std::string& parent,
                   bool group) {
    const Props p = props(node, path);
    const auto id = text(node, "id", path);
    const auto title = text(node, "title", path);
    const Texts t = parts(node, path);
    if (problem) return {};
    Origin origin{.path = path, .id_from_label = p.label.has_value()};
    std::string item_id;
    if (p.label) {
      item_id = *p.label;
    } else if (id) {
      item_id = *id;
    } else if (group) {
      // A group's id is optional in OSCAL; the numbering follows the file, so it is stable.
      item_id = "group " + std::to_string(++unnamed_groups_);
    } else {
      fail(path + ".id", "is required");
      return {};
    }
    json out = {{"id", item_id},
                {"kind", p.aims_value("kind").value_or(group ? "section" : "control")},
                {"title", title.value_or("")}};
    if (!parent.empty()) out["parent"] = parent;
    if (!t.statement.empty()) out["description"] = t.statement;
    if (!t.guidance.empty()) out["guidance"] = t.guidance;
    if (!t.note.empty()) out["note"] = t.note;
    if (auto v = p.aims_value("documented-information")) out["documented_information"] = *v;
    if (auto v = p.aims_value("applies-from")) out["applies_from"] = *v;
    const auto [from, to] = p.aims.equal_range("role");
    for (auto it = from; it != to; ++it)
      out["roles"].push_back(it->second);
    items.push_back(std::move(out));
    origins.push_back(std::move(origin));
    if (!group) ++controls;
    return item_id;
  }

  // The groups and controls in `container` (the catalog, a group or a control), depth first so
  // that a parent comes before its children. Controls come before groups: OSCAL keeps them in
  // separate lists, and a group holds one or the other.
  void walk(const json& container, const std::string& path, const std::string& parent, size_t depth,
            bool in_control) {
    for (const char* key : {"controls", "groups"}) {
      const bool groups = std::string_view(key) == "groups";
      if (groups && in_control) continue;
      const auto it = container.find(key);
      if (it == container.end()) continue;
      if (!it->is_array()) {
        fail(path + "." + key, "must be a list");
        return;
      }
      for (size_t n = 0; n < it->size(); ++n) {
        const std::string at = path + "." + key + "[" + std::to_string(n) + "]";
        const json& node = (*it)[n];
        if (!node.is_object()) {
          fail(at, "must be an object");
          return;
        }
        if (depth > kOscalMaxDepth) {
          fail(at, "is nested deeper than " + std::to_string(kOscalMaxDepth) + " levels");
          return;
        }
        if (items.size() >= kOscalMaxItems) {
          fail("catalog",
               "has more than " + std::to_string(kOscalMaxItems) + " groups and controls");
          return;
        }
        const std::string id = item(node, at, parent, groups);
        if (problem) return;
        walk(node, at, id, depth + 1, !groups);
        if (problem) return;
      }
    }
  }

 private:
  size_t unnamed_groups_ = 0;
};

// parse_framework names the member of the file it was given ("items[12].title"); the caller
// gave an OSCAL catalog, so the error is moved onto the member it came from.
Error to_oscal_member(Error e, const std::vector<Origin>& origins, bool short_name_from_prop) {
  const std::string from = e.field;
  std::string to, what;
  if (from.rfind("items[", 0) == 0) {
    const size_t close = from.find(']');
    size_t n = 0;
    const auto [end, ec] = std::from_chars(from.data() + 6, from.data() + from.size(), n);
    if (ec != std::errc() || close == std::string::npos || end != from.data() + close ||
        n >= origins.size())
      return e;
    const std::string member = close + 2 <= from.size() ? from.substr(close + 2) : "";
    const Origin& o = origins[n];
    static const std::map<std::string, std::pair<std::string, std::string>> kMembers = {
        {"title", {".title", ""}},
        {"description", {".parts", "the statement's prose"}},
        {"guidance", {".parts", "the guidance's prose"}},
        {"note", {".parts", "the aims note part's prose"}},
        {"kind", {".props", "the aims kind prop"}},
        {"documented_information", {".props", "the aims documented-information prop"}},
        {"applies_from", {".props", "the aims applies-from prop"}},
        {"roles", {".props", "the aims role props"}}};
    to = o.path;
    if (member == "id") {
      to += o.id_from_label ? ".props" : ".id";
      if (o.id_from_label) what = "the label prop";
    } else if (const auto it = kMembers.find(member); it != kMembers.end()) {
      to += it->second.first;
      what = it->second.second;
    }
  } else {
    static const std::map<std::string, std::string> kHead = {
        {"framework.key", "key"},
        {"framework.name", "catalog.metadata.title"},
        {"framework.short_name", "catalog.metadata.props"},
        {"framework.short_name (title)", "catalog.metadata.title"},
        {"framework.publisher", "catalog.metadata.props"},
        {"framework.edition", "catalog.metadata.version"},
        {"framework.source", "catalog.metadata.remarks"}};
    const bool title = from == "framework.short_name" && !short_name_from_prop;
    const auto it = kHead.find(title ? from + " (title)" : from);
    if (it == kHead.end()) return e;
    to = it->second;
  }
  const std::string named = what.empty() ? to : to + " (" + what + ")";
  if (const size_t at = e.message.find(from); at != std::string::npos)
    e.message.replace(at, from.size(), named);
  e.field = to;
  return e;
}

}  // namespace

std::string oscal_uuid(std::string_view name) {
  std::string h = crypto::sha256_hex("aims-oscal\x1f" + std::string(name)).substr(0, 32);
  h[12] = '5';
  const char nibble = h[16];
  const int value = nibble <= '9' ? nibble - '0' : nibble - 'a' + 10;
  h[16] = "89ab"[value & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string oscal_now() {
  return now_timestamp().substr(0, 19) + "Z";
}

std::string oscal_one_line(std::string_view text) {
  return one_line(text);
}

json oscal_catalog_resource(const Framework& f) {
  return resource_of(f);
}

std::map<std::string, std::string> oscal_ids(const Framework& f) {
  std::set<std::string, std::less<>> bases;
  for (const auto& item : f.items)
    bases.insert(token_of(item.id));
  std::set<std::string, std::less<>> used;
  std::map<std::string, std::string> out;
  for (const auto& item : f.items) {
    if (out.contains(item.id)) continue;
    const std::string base = token_of(item.id);
    std::string id = base;
    // A suffixed id also keeps clear of every unsuffixed one, so a later item still gets its own.
    for (int n = 2; used.contains(id) || (id != base && bases.contains(id)); ++n)
      id = base + "-" + std::to_string(n);
    used.insert(id);
    out.emplace(item.id, std::move(id));
  }
  return out;
}

json oscal_catalog(const Framework& f, const std::string& last_modified) {
  const auto ids = oscal_ids(f);
  const size_t n = f.items.size();
  std::map<std::string_view, size_t> index;
  std::vector<std::optional<size_t>> parent(n);
  std::vector<std::vector<size_t>> children(n);
  std::vector<size_t> top;
  for (size_t i = 0; i < n; ++i) {
    const Item& item = f.items[i];
    const auto it = item.parent.empty() ? index.end() : index.find(item.parent);
    if (it == index.end()) {
      top.push_back(i);
    } else {
      parent[i] = it->second;
      children[it->second].push_back(i);
    }
    index.emplace(item.id, i);
  }
  // The schema's group holds groups or controls, never both, so a section that sits among
  // requirements or controls (ISO/IEC 42001's 6.1 beside 6.2) is written as a control.
  std::vector<bool> only_sections(n, true), as_group(n, false);
  for (size_t i = 0; i < n; ++i) {
    for (size_t c : children[i]) {
      if (f.items[c].kind != "section") only_sections[i] = false;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    as_group[i] = f.items[i].kind == "section" &&
                  (!parent[i] || (as_group[*parent[i]] && only_sections[*parent[i]]));
  }
  // Built from the last item back, so that every child is complete before its parent takes it
  // and no recursion follows the depth of the file.
  std::vector<json> nodes(n);
  for (size_t i = n; i-- > 0;) {
    json node = item_node(f.items[i], reference_to(ids, f.items[i].id), as_group[i]);
    for (size_t c : children[i])
      node[as_group[c] ? "groups" : "controls"].push_back(std::move(nodes[c]));
    nodes[i] = std::move(node);
  }

  std::string version = one_line(f.edition);
  version += (version.empty() ? "" : " ") + std::string("(aims catalog revision ") +
             std::to_string(f.revision) + ")";
  const std::string title = one_line(f.name);
  json metadata = {{"title", title.empty() ? f.key : title},
                   {"last-modified", last_modified},
                   {"version", version},
                   {"oscal-version", std::string(kOscalVersion)}};
  json props = json::array();
  add_prop(props, "framework-key", f.key);
  add_prop(props, "short-name", f.short_name);
  add_prop(props, "publisher", f.publisher);
  add_prop(props, "edition", f.edition);
  add_prop(props, "revision", std::to_string(f.revision));
  metadata["props"] = std::move(props);
  if (!trim(f.source).empty()) metadata["remarks"] = f.source;

  json catalog = {{"uuid", catalog_uuid(f)}, {"metadata", std::move(metadata)}};
  for (size_t i : top)
    catalog[as_group[i] ? "groups" : "controls"].push_back(std::move(nodes[i]));
  return {{"catalog", std::move(catalog)}};
}

json oscal_mapping_collection(const Mapping& m, const Framework& source, const Framework& target,
                              const std::string& last_modified) {
  const auto source_ids = oscal_ids(source);
  const auto target_ids = oscal_ids(target);
  json maps = json::array();
  for (const auto& l : m.links) {
    json entry = {
        {"uuid", oscal_uuid("map\x1f" + m.key + "\x1f" + l.source + "\x1f" + l.target)},
        {"relationship", l.relationship},
        {"sources",
         json::array({json{{"type", "control"}, {"id-ref", reference_to(source_ids, l.source)}}})},
        {"targets",
         json::array({json{{"type", "control"}, {"id-ref", reference_to(target_ids, l.target)}}})}};
    if (!trim(l.note).empty()) entry["remarks"] = l.note;
    maps.push_back(std::move(entry));
  }
  const std::string rev = std::to_string(m.revision);
  json mapping = {
      {"uuid", oscal_uuid("mapping\x1f" + m.key + "\x1f" + rev)},
      {"source-resource", {{"type", "catalog"}, {"href", "#" + resource_uuid(source)}}},
      {"target-resource", {{"type", "catalog"}, {"href", "#" + resource_uuid(target)}}}};
  if (!maps.empty()) mapping["maps"] = std::move(maps);

  json provenance_props = json::array();
  add_prop(provenance_props, "provenance", m.provenance);
  json provenance = {{"method", "human"},
                     {"matching-rationale", "semantic"},
                     {"status", "complete"},
                     {"mapping-description", trim(m.source).empty() ? m.title : m.source}};
  if (!provenance_props.empty()) provenance["props"] = std::move(provenance_props);
  provenance["remarks"] =
      m.provenance == "published"
          ? "Taken from a published crosswalk, cited in the mapping description."
          : (m.provenance == "organisation"
                 ? "The organisation's own mapping of its framework, drawn in aims."
                 : "aims' own alignment: read it as a suggestion of related requirements, not as "
                   "an authoritative crosswalk.");

  const std::string title = one_line(m.title);
  json metadata = {{"title", title.empty() ? m.key : title},
                   {"last-modified", last_modified},
                   {"version", "aims mapping revision " + rev},
                   {"oscal-version", std::string(kOscalVersion)}};
  json props = json::array();
  add_prop(props, "mapping-key", m.key);
  add_prop(props, "source-framework", m.source_framework);
  add_prop(props, "target-framework", m.target_framework);
  add_prop(props, "provenance", m.provenance);
  metadata["props"] = std::move(props);
  if (!trim(m.source).empty()) metadata["remarks"] = m.source;

  json resources = json::array({resource_of(source)});
  if (resource_uuid(target) != resource_uuid(source)) resources.push_back(resource_of(target));
  return {{"mapping-collection",
           {{"uuid", oscal_uuid("mapping-collection\x1f" + m.key + "\x1f" + rev)},
            {"metadata", std::move(metadata)},
            {"provenance", std::move(provenance)},
            {"mappings", json::array({std::move(mapping)})},
            {"back-matter", {{"resources", std::move(resources)}}}}}};
}

Result<Framework> framework_from_oscal(std::string_view json_text, const std::string& key) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Error::malformed("the file is not JSON");
  if (!doc.is_object()) return Error::malformed("the file is not a JSON object");
  const auto catalog = doc.find("catalog");
  if (catalog == doc.end() || !catalog->is_object())
    return Error::invalid("catalog", "the file has no \"catalog\" object");
  const auto metadata = catalog->find("metadata");
  if (metadata == catalog->end() || !metadata->is_object())
    return Error::invalid("catalog.metadata", "the catalog has no \"metadata\" object");

  Importer in;
  const auto title = in.text(*metadata, "title", "catalog.metadata");
  const auto version = in.text(*metadata, "version", "catalog.metadata");
  const auto remarks = in.text(*metadata, "remarks", "catalog.metadata");
  const Props props = in.props(*metadata, "catalog.metadata");
  if (in.problem) return *in.problem;
  in.walk(*catalog, "catalog", "", 1, false);
  if (in.problem) return *in.problem;
  if (in.controls == 0) return Error::invalid("catalog.controls", "the catalog has no controls");

  // An aims export says which revision it is; another catalog starts at 1.
  int64_t revision = 1;
  if (const auto r = props.aims_value("revision")) {
    int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(r->data(), r->data() + r->size(), parsed);
    if (ec == std::errc() && end == r->data() + r->size() && parsed >= 1) revision = parsed;
  }
  json head = {{"key", key},
               {"name", title.value_or("")},
               {"short_name", props.aims_value("short-name").value_or(title.value_or(""))},
               {"revision", revision}};
  if (auto v = props.aims_value("publisher")) head["publisher"] = *v;
  if (auto v = props.aims_value("edition").value_or(version.value_or("")); !v.empty())
    head["edition"] = v;
  if (remarks && !trim(*remarks).empty()) head["source"] = *remarks;
  const json file = {{"framework", std::move(head)}, {"items", std::move(in.items)}};
  auto f = parse_framework(file.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!f)
    return to_oscal_member(std::move(f).error(), in.origins, props.aims.contains("short-name"));
  return f;
}

}  // namespace aims::controls
