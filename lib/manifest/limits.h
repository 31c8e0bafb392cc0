#pragma once

#include <cstddef>

namespace dpo::manifest {

/// The longest line (JSON Lines, YAML, a batch list) or CSV record an input
/// may have. No record of a register, a subject or a consent comes near it;
/// past it the input is refused rather than held in memory.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

/// "1 MiB", for messages.
inline constexpr const char* kMaxLineText = "1 MiB";

}  // namespace dpo::manifest
