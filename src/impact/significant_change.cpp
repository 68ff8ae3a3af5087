// A change to what an AI system is for, what it is built from, whom it affects, how far it decides
// alone or how the EU AI Act classes it calls for a new impact assessment (clause 8.4): its
// approved assessments are marked, naming the change, in the same transaction as the change.
#include <algorithm>
#include <mutex>

#include "impact/impact.h"

namespace aims::impact {
namespace {

std::string names_of(const records::ReferencedNames& names, const records::Field& f,
                     const records::Ids& ids) {
  std::string out;
  const auto of_target = names.find(f.target);
  for (int64_t id : ids) {
    std::string name = "#" + std::to_string(id);
    if (of_target != names.end() && of_target->second.count(id))
      name = of_target->second.at(id).name;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "none" : out;
}

bool changed(const records::Field& f, const records::Record& before, const records::Record& after) {
  const std::string key = f.key;
  if (f.type == records::FieldType::record_ref) {
    // The same records in another order are no change of what the system is built from.
    records::Ids was = before.ids(key), is = after.ids(key);
    std::sort(was.begin(), was.end());
    std::sort(is.begin(), is.end());
    return was != is;
  }
  if (f.type == records::FieldType::flag) return before.flag(key) != after.flag(key);
  return before.text(key) != after.text(key);
}

// One changed field's before and after in words.
std::pair<std::string, std::string> words_of(const records::Description& d, const records::Field& f,
                                             const records::Record& before,
                                             const records::Record& after,
                                             const records::ReferencedNames& names) {
  const std::string key = f.key;
  if (f.type == records::FieldType::record_ref)
    return {names_of(names, f, before.ids(key)), names_of(names, f, after.ids(key))};
  if (f.type == records::FieldType::flag)
    return {before.flag(key) ? "yes" : "no", after.flag(key) ? "yes" : "no"};
  return {d.choice_label(key, before.text(key)), d.choice_label(key, after.text(key))};
}

// "Models: PD model 3.1 -> PD model 3.2", one line per significant field that changed. Most
// writes to a system change none, and then nothing is read.
Result<std::string> describe_change(const records::WriteContext& ctx, const records::Description& d,
                                    const records::Record& after, const records::Record& before) {
  std::vector<std::pair<const records::Field*, const std::string*>> found;
  std::vector<const char*> refs;
  for (const auto& [key, label] : significant_fields()) {
    const records::Field* f = d.field(key);
    if (!f || !changed(*f, before, after)) continue;
    found.emplace_back(f, &label);
    if (f->type == records::FieldType::record_ref) refs.push_back(f->key);
  }
  records::ReferencedNames names;
  if (!refs.empty()) {
    TRY_ASSIGN(names, records::referenced_names_in(ctx.tx, d, ctx.org, {before, after}, refs));
  }
  std::string out;
  for (const auto& [f, label] : found) {
    const auto [from, to] = words_of(d, *f, before, after, names);
    out += (out.empty() ? "" : "\n") + *label + ": " + (from.empty() ? "not set" : from) +
           " \u2192 " + (to.empty() ? "not set" : to);
  }
  return out;
}

Status mark_assessments(const records::WriteContext& ctx, const records::Record& after,
                        const records::Record* before) {
  if (!before) return {};
  const records::Description* systems = records::find(after.type);
  if (!systems) return {};
  TRY_ASSIGN(const std::string change, describe_change(ctx, *systems, after, *before));
  if (change.empty()) return {};
  const std::string said =
      "Changed on " + ctx.now.substr(0, 10) + " by " + ctx.caller.actor.label + ":\n" + change;
  return mark_for_reassessment(ctx, after.id, said);
}

}  // namespace

Status mark_for_reassessment(const records::WriteContext& ctx, int64_t system_id,
                             const std::string& why) {
  // One in review would otherwise be approved describing the system as it was.
  TRY_ASSIGN(const auto assessed,
             records::list_all_in(ctx.tx, assessments(), ctx.org,
                                  {.filters = {{"system_id", std::to_string(system_id)}}}));
  for (const auto& a : assessed) {
    if (a.state != "approved" && a.state != "in_review") continue;
    records::Record changes;
    // Every change since the assessment was approved counts, so earlier ones stay listed.
    const std::string earlier = a.flag("needs_reassessment") ? a.text("reassessment_reason") : "";
    changes.values = {{"needs_reassessment", true},
                      {"reassessment_reason", earlier.empty() ? why : earlier + "\n\n" + why}};
    if (!a.is_set("reassessment_raised_on"))
      changes.values["reassessment_raised_on"] = ctx.now.substr(0, 10);
    TRY(records::update_kept_in(ctx, assessments(), a.id, changes));
  }
  return {};
}

const std::vector<std::pair<std::string, std::string>>& significant_fields() {
  static const std::vector<std::pair<std::string, std::string>> fields = {
      {"purpose", "Purpose"},
      {"model_ids", "Models"},
      {"dataset_ids", "Datasets"},
      {"affects_customers", "Affects customers"},
      {"affects_employees", "Affects employees"},
      {"affects_public", "Affects the public"},
      {"affects_vulnerable_groups", "Affects vulnerable groups"},
      {"automation_level", "Automation level"},
      {"eu_ai_act_class", "EU AI Act classification"},
  };
  return fields;
}

void watch_systems() {
  static std::once_flag once;
  std::call_once(once, [] { records::observe("ai_system", mark_assessments); });
}

}  // namespace aims::impact
