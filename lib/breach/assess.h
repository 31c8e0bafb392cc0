#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/breach.h"
#include "model/register.h"

/// A breach weighed in two steps (docs/design.md section 6): the severity
/// of the harm by ENISA's method, SE = DPC x EI + CB, with the context from
/// the kinds of the data, the volume and vulnerable people; then the
/// likelihood of harm as the EDPB weighs it. Every factor with its value
/// and reason, the conclusion with the article it applies.
namespace dpo::breach {

using model::Assessment;
using model::Factor;
using model::Risk;
using model::Volume;

/// Assesses `incident`, the kinds of its data categories read from `reg`,
/// `volume` the people and records affected.
[[nodiscard]] Assessment assess(const model::Incident& incident, const model::Register& reg,
                                const Volume& volume = {});

}  // namespace dpo::breach
