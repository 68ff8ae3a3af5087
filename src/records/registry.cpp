#include "records/registry.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace aims::records {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<const Description*> descriptions;
  std::map<std::string, std::vector<WriteObserver>, std::less<>> observers;
};

Registry& instance() {
  static Registry registry;
  return registry;
}

void require(bool condition, const Description& d, const std::string& what) {
  if (!condition) throw std::logic_error(std::string("register ") + d.type + ": " + what);
}

// A description is code: a mistake in it is a bug found at start-up, not a user's error.
void check(const Description& d) {
  require(d.field(d.title_field) != nullptr, d, "no title field " + std::string(d.title_field));
  for (const char* key : d.list_columns) {
    require(d.field(key) || std::string_view(key) == "state", d,
            "list column " + std::string(key) + " is not a field");
  }
  for (const char* key : d.filters) {
    const Field* f = d.field(key);
    require((f && (f->type == FieldType::choice || f->type == FieldType::flag ||
                   f->type == FieldType::user_ref || f->type == FieldType::record_ref ||
                   f->type == FieldType::text_list || f->type == FieldType::integer)) ||
                std::string_view(key) == "state",
            d, "filter " + std::string(key) + " is not a choice, flag, list or reference");
  }
  for (const char* key : d.sort_keys) {
    require(d.field(key) || std::string_view(key) == "state", d,
            "sort key " + std::string(key) + " is not a field");
  }
  for (const auto& f : d.fields) {
    require(f.type != FieldType::record_ref || *f.target, d,
            std::string("reference ") + f.key + " has no target");
    require(f.type != FieldType::choice || !f.choices.empty(), d,
            std::string("choice ") + f.key + " has no choices");
  }
  if (d.workflow) {
    require(!d.workflow->states.empty(), d, "a workflow needs states");
    for (const auto& t : d.workflow->transitions) {
      require(d.state(t.to) != nullptr, d, std::string("transition ") + t.name + " goes nowhere");
      for (const char* from : t.from) {
        require(d.state(from) != nullptr, d, std::string("transition ") + t.name + " from " + from);
      }
      for (const char* key : t.required_fields) {
        require(d.field(key) != nullptr, d, std::string("transition ") + t.name + " needs " + key);
      }
      require(t.approvals == 0 || !t.approver_roles.empty(), d,
              std::string("transition ") + t.name + " needs approver roles");
    }
  }
  require(!d.versioned || d.workflow.has_value(), d, "versions are frozen by a workflow");
}

}  // namespace

void define(const Description& description) {
  auto& r = instance();
  std::lock_guard lock(r.mutex);
  for (const Description* known : r.descriptions) {
    if (std::string_view(known->type) != description.type) continue;
    if (known == &description) return;
    throw std::logic_error(std::string("register ") + description.type + " defined twice");
  }
  check(description);
  r.descriptions.push_back(&description);
}

const Description* find(std::string_view type) {
  auto& r = instance();
  std::lock_guard lock(r.mutex);
  for (const Description* d : r.descriptions) {
    if (type == d->type) return d;
  }
  return nullptr;
}

const std::vector<const Description*>& all() {
  // Definitions happen at start-up, before requests; readers then see a stable list.
  return instance().descriptions;
}

void observe(std::string_view type, WriteObserver observer) {
  auto& r = instance();
  std::lock_guard lock(r.mutex);
  r.observers[std::string(type)].push_back(std::move(observer));
}

const std::vector<WriteObserver>& observers(std::string_view type) {
  static const std::vector<WriteObserver> none;
  // Observers are added at start-up, before requests; writers then see a stable map.
  const auto& map = instance().observers;
  const auto it = map.find(type);
  return it == map.end() ? none : it->second;
}

}  // namespace aims::records
