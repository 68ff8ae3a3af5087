// Private to lifecycle/'s routes: what the validation-run and gate-check routes accept as logs.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "http/context.h"
#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {

// A validation set of a few million predictions; larger ones are sampled first.
inline constexpr size_t kMaxUploadBytes = size_t{2} << 30;
// The logs are read while the request waits, so that has a time limit.
inline constexpr std::chrono::seconds kRunTimeLimit{600};

// The log and, when given, the perturbed log of a multipart form's file parts `log_part` and
// `perturbed_part`, with kRunTimeLimit; nullopt when the form has no `log_part` file.
std::optional<ValidationLogs> logs_from_parts(const http::Context& ctx, const char* log_part,
                                              const char* perturbed_part);

}  // namespace aims::lifecycle
