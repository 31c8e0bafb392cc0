#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "cmd/cli.h"
#include "model/purge.h"
#include "model/subject.h"

namespace dpo::cmd {

/// dpo-purge: retention enforced (run, the default), erasure on request
/// (--subject), erasure tasks for other systems (tasks, done).
extern const Program kPurgeProgram;

/// Runs an erasure request (Art. 17) for `key` under the purge lock (waiting
/// for it with `wait`, else exit 5), within the scope `scope_of` draws from
/// the register: planned by retention::plan_erasure, executed or rehearsed,
/// journaled, and reported in `format` on `to` (standard output by default;
/// nothing when null). Exit 3 when there is no such subject.
void erase_subject(const Common& common, const model::SubjectKey& key,
                   const std::function<model::ErasureScope(const model::Register&)>& scope_of, model::RunMode mode,
                   bool wait, const std::string& format, std::ostream* to = &out(), const std::string& lang = {});

}  // namespace dpo::cmd
