#include "trail/checkpointer.h"

#include "trail/checkpoint.h"

namespace aims::trail {

Checkpointer::Checkpointer(store::Database& db, const SigningKeys& keys,
                           std::chrono::seconds interval, ErrorSink on_error)
    : db_(db), keys_(keys), on_error_(std::move(on_error)) {
  timer_.emplace(interval, [this] { sign(); });
}

Checkpointer::~Checkpointer() {
  timer_.reset();
  sign();
}

void Checkpointer::sign() {
  if (auto signed_count = sign_moved_heads(db_, keys_, on_error_); !signed_count)
    on_error_(0, signed_count.error());
}

}  // namespace aims::trail
