// Numbers distinct texts 0, 1, 2, ... in the order they are added, and finds a text's number with
// one hash probe (open addressing, at most half full). Replaces std::unordered_map for the
// per-row lookups of groups and categories, whose cost was hashing with std::hash and comparing
// with memcmp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "monitoring/engine/text_key.h"

namespace aims::monitoring {

class TextIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  TextIndex();

  // `key` comes from index_key().
  uint32_t find(const TextKey& key) const {
    for (size_t i = key.hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.number == kAbsent) return kAbsent;
      if (same_text(slot.key, key)) return slot.number;
    }
  }
  uint32_t find(std::string_view text) const { return find(index_key(text)); }
  // The number of a text not yet in the index.
  uint32_t add(std::string_view text);

  size_t size() const { return texts_.size(); }
  const std::string& text(uint32_t number) const { return *texts_[number]; }

 private:
  struct Slot {
    TextKey key;  // views the text in texts_
    uint32_t number = kAbsent;
  };
  void grow();

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<std::unique_ptr<std::string>> texts_;  // stable addresses for the keys' views
};

}  // namespace aims::monitoring
