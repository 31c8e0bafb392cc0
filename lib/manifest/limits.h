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

namespace dpo::manifest {

/// The most a YAML document may hold once its aliases are expanded: a
/// register of a large organisation is well under 1 MiB; an alias bomb of a
/// few kilobytes would otherwise fill the store (or memory) many times over.
inline constexpr std::size_t kMaxExpandedBytes = std::size_t{16} << 20;

}  // namespace dpo::manifest
