#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/breach.h"
#include "model/register.h"

/// The severity of a breach by ENISA's method (docs/design.md section 6):
/// SE = DPC x EI + CB, every factor with its value and reason.
namespace dpo::breach {

using model::Assessment;
using model::Factor;
using model::Risk;

/// Assesses `incident`; special categories of `reg` make the data sensitive.
[[nodiscard]] Assessment assess(const model::Incident& incident, const model::Register& reg);

}  // namespace dpo::breach
