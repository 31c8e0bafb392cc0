#include "base/error.h"

#include <fmt/format.h>

#include <algorithm>

namespace dpo {

std::string Location::str() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string Diagnostic::str() const {
  std::string out = message;
  if (!where.file.empty()) out += " at " + where.str();
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

void Diagnostics::add(Location where, std::string message, std::string hint) {
  ++total_;
  if (items_.size() < keep_) items_.push_back(Diagnostic{std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::merge(const Diagnostics& other) {
  total_ += other.total_;
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  if (items_.size() > keep_) items_.resize(keep_);
}

void Diagnostics::throw_if_any(const std::string& what) const {
  if (total_) throw InputError(what, items_, total_);
}

namespace {
std::string summary(const std::string& what, std::size_t count) {
  return fmt::format("{} has {} error{}; nothing was written", what, count, count == 1 ? "" : "s");
}
}  // namespace

InputError::InputError(std::string what, std::vector<Diagnostic> items, std::size_t total)
    : Error(ExitCode::invalid_input, summary(what, std::max(total, items.size()))),
      items_(std::move(items)),
      total_(std::max(total, items_.size())) {}

}  // namespace dpo
