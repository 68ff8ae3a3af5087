#include "monitoring/engine/text_index.h"

namespace aims::monitoring {

namespace {

constexpr size_t kInitialSlots = 16;

}  // namespace

TextIndex::TextIndex() : slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

uint32_t TextIndex::add(std::string_view text) {
  if (2 * (texts_.size() + 1) > slots_.size()) grow();
  const auto number = static_cast<uint32_t>(texts_.size());
  texts_.push_back(std::make_unique<std::string>(text));
  const TextKey key = index_key(*texts_.back());
  size_t i = key.hash & mask_;
  while (slots_[i].number != kAbsent)
    i = (i + 1) & mask_;
  slots_[i] = {key, number};
  return number;
}

void TextIndex::grow() {
  std::vector<Slot> old(2 * slots_.size());
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.number == kAbsent) continue;
    size_t i = slot.key.hash & mask_;
    while (slots_[i].number != kAbsent)
      i = (i + 1) & mask_;
    slots_[i] = slot;
  }
}

}  // namespace aims::monitoring
