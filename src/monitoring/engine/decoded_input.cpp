#include "monitoring/engine/decoded_input.h"

namespace aims::monitoring {

Result<std::unique_ptr<DecodedInput>> DecodedInput::open(const LogInput& input,
                                                         const RunOptions& options,
                                                         const RunClock& clock) {
  TRY_ASSIGN(auto source, InputSource::open(input, options));
  std::unique_ptr<DecodedInput> decoded(new DecodedInput(std::move(source)));
  const bool gzip = has_gzip_magic(decoded->source_->head());
  if (gzip) decoded->gzip_.emplace(*decoded->source_);
  decoded->limited_.emplace(gzip ? static_cast<ByteReader&>(*decoded->gzip_) : *decoded->source_,
                            *decoded->source_, gzip, options, clock);
  return decoded;
}

}  // namespace aims::monitoring
