#pragma once

#include <functional>
#include <vector>

#include "cmd/cli.h"
#include "model/audit.h"
#include "model/register.h"

namespace dpo::store {
class Store;
}

namespace dpo::cmd {

/// dpo-breach: the breach register, risk assessment, the 72-hour clock, drafts.
extern const Program kBreachProgram;

/// What the audit's BRE rules read about every breach of the register.
[[nodiscard]] std::vector<model::BreachFacts> breach_facts(store::Store& store, const model::Register& reg);

}  // namespace dpo::cmd
