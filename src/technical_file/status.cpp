// The live draft of a system's technical file, and whether its approved file is current.
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "inventory/inventory.h"
#include "technical_file/technical_file.h"
#include "trail/trail.h"

namespace aims::technical_file {
namespace {

// The system's newest file that is not superseded.
Result<std::optional<records::Record>> newest_file(store::Database& db, int64_t org,
                                                   int64_t system_id) {
  TRY_ASSIGN(const auto files,
             records::list_all(db, technical_files(), org,
                               {.filters = {{"ai_system_id", std::to_string(system_id)}},
                                .sort = "created_at",
                                .descending = true}));
  for (const auto& f : files)
    if (f.state != "superseded") return std::optional<records::Record>(f);
  return std::optional<records::Record>();
}

// The fields a stage change writes on the system. Moving a system on is not a change to what its
// file describes: the gate of the next stage asks for the same file to be current.
bool stage_fields_only(const std::string& changes) {
  const auto j = nlohmann::json::parse(changes, nullptr, false);
  if (!j.is_object()) return false;
  for (const auto& [field, value] : j.items())
    if (field != "lifecycle_stage" && field != "deployed_on" && field != "retired_on") return false;
  return true;
}

// Whether an audited change of the system after `since` touched more than its stage.
Result<bool> described_system_changed(store::Database& db, int64_t org, int64_t system_id,
                                      const std::string& since) {
  return db.read([&](store::Tx& tx) -> Result<bool> {
    trail::Filter f{.entity_type = "ai_system", .entity_id = system_id, .from = since};
    f.limit = 200;
    while (true) {
      TRY_ASSIGN(const auto events, trail::list(tx, org, f));
      for (const auto& e : events)
        if (e.at > since && !stage_fields_only(e.changes)) return true;
      if (events.size() < static_cast<size_t>(f.limit)) return false;
      f.before_seq = events.back().seq;
    }
  });
}

}  // namespace

Result<TechnicalFile> live_file(store::Database& db, int64_t org, int64_t system_id,
                                std::optional<int64_t> model_id) {
  TRY_ASSIGN(const auto file, newest_file(db, org, system_id));
  const Authored authored{file ? file->text("design_choices") : "",
                          file ? file->text("monitoring_plan") : ""};
  return db.read([&](store::Tx& tx) {
    return assemble(tx, org, system_id, model_id, authored, now_timestamp());
  });
}

// A file stops being current when the system (beyond its stage) or one of its models changes after
// its approval.
Result<FileStatus> current_file_status(store::Database& db, int64_t org, int64_t system_id) {
  TRY_ASSIGN(const auto system, records::get(db, inventory::ai_systems(), org, system_id));
  TRY_ASSIGN(const auto file, newest_file(db, org, system_id));
  if (!file) return FileStatus{false, std::nullopt, "the system has no technical file"};
  const std::string name = "\"" + technical_files().display_name(*file) + "\"";
  if (file->state != "approved")
    return FileStatus{false, file->id, name + " is a draft, not approved"};
  bool changed = system.updated_at > file->state_since;
  if (changed) {
    TRY_ASSIGN(changed, described_system_changed(db, org, system_id, file->state_since));
  }
  if (changed)
    return FileStatus{false, file->id,
                      name + " was approved before the AI system's record last changed (" +
                          minute_text(system.updated_at) + ")"};
  for (int64_t id : system.ids("model_ids")) {
    TRY_ASSIGN(const auto model, records::get(db, inventory::models(), org, id));
    if (model.updated_at > file->state_since)
      return FileStatus{false, file->id,
                        name + " was approved before the model \"" +
                            inventory::models().display_name(model) + "\" last changed"};
  }
  return FileStatus{true, file->id,
                    name + " approved " + minute_text(file->state_since) + " and still current"};
}

}  // namespace aims::technical_file
