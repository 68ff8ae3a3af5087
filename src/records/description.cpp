#include "records/description.h"

#include <algorithm>

namespace aims::records {

void Problems::add(std::string field, std::string message) {
  // One problem per field is enough to fix it; the first found is the most basic.
  if (!has(field)) list_.push_back({std::move(field), std::move(message)});
}

bool Problems::has(std::string_view field) const {
  return std::any_of(list_.begin(), list_.end(),
                     [&](const FieldProblem& p) { return p.field == field; });
}

Status Problems::status() const {
  if (list_.empty()) return {};
  Error error = Error::invalid(list_.front().field, list_.front().message);
  if (list_.size() > 1) error.problems = list_;
  return error;
}

const Field* Description::field(std::string_view key) const {
  for (const auto& f : fields) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

const State* Description::state(std::string_view value) const {
  if (!workflow) return nullptr;
  for (const auto& s : workflow->states) {
    if (value == s.value) return &s;
  }
  return nullptr;
}

bool Description::is_done(std::string_view value) const {
  const State* s = state(value);
  if (!s) return false;  // no workflow: only archiving ends a record's work
  if (s->done) return true;
  return std::none_of(workflow->transitions.begin(), workflow->transitions.end(),
                      [&](const Transition& t) {
                        return std::any_of(t.from.begin(), t.from.end(),
                                           [&](const char* from) { return value == from; });
                      });
}

const Transition* Description::transition(std::string_view name) const {
  if (!workflow) return nullptr;
  for (const auto& t : workflow->transitions) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

std::string Description::display_name(const Record& record) const {
  if (hooks.display_name) return hooks.display_name(record);
  return record.text(title_field);
}

std::string Description::choice_label(std::string_view key, std::string_view value) const {
  if (const Field* f = field(key)) {
    for (const auto& c : f->choices) {
      if (value == c.value) return c.label;
    }
  }
  return std::string(value);
}

}  // namespace aims::records
