#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/names.h"
#include "model/register.h"

/// The parts of fideslang's default taxonomy a Fides import reads: data
/// categories, data uses and data subjects, each key with its label
/// (docs/design.md 2.6).
namespace dpo::manifest::fides {

struct CategoryEntry {
  std::string_view key;  ///< user.contact.email
  std::string_view label;
  model::DataKind kind;
};

struct UseEntry {
  std::string_view key;  ///< marketing.advertising
  std::string_view label;
  bool marketing = false;                 ///< reaches people to sell them something
  std::optional<model::Channel> channel;  ///< the one channel the use names
};

struct SubjectEntry {
  std::string_view key;  ///< customer
  std::string_view label;
};

[[nodiscard]] std::span<const CategoryEntry> data_categories();
[[nodiscard]] std::span<const UseEntry> data_uses();
[[nodiscard]] std::span<const SubjectEntry> data_subjects();
/// `legal_basis_for_processing` as fideslang spells it: the Art. 6(1) bases.
[[nodiscard]] std::span<const Named<model::LegalBasis>> legal_bases();
/// `special_category_legal_basis` as fideslang spells it: Art. 9(2) conditions.
[[nodiscard]] std::span<const Named<model::SpecialCondition>> special_conditions();

/// Whether `branch` holds, below it, an Art. 9 or Art. 10 key of another kind
/// than its own (`user.demographic` holds `race_ethnicity`): a key unknown
/// below it cannot take its kind.
[[nodiscard]] bool mixes_kinds(const CategoryEntry& branch);

/// The entry of `key`, or of its nearest ancestor in the table (the key with
/// its last `.segment`s removed); nullptr when no ancestor is known.
template <class Entry>
[[nodiscard]] const Entry* nearest(std::span<const Entry> table, std::string_view key) {
  for (std::string_view k = key;;) {
    for (const Entry& e : table)
      if (e.key == k) return &e;
    std::size_t dot = k.rfind('.');
    if (dot == std::string_view::npos) return nullptr;
    k = k.substr(0, dot);
  }
}

}  // namespace dpo::manifest::fides
