#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/register.h"

/// The information notice of GDPR Arts. 13 and 14 for one activity of the
/// register: what a form or a charter shows people when their data is
/// collected (man/dpo-register.1, NOTICES, gives each sentence's source).
namespace dpo::report {

/// Where the data comes from: the person (Art. 13) or elsewhere (Art. 14).
enum class NoticeArticle { art13, art14 };
/// The CNIL's layered approach: the essentials on the form (short), the
/// whole of Art. 13 or 14 in the notice it points to (long).
enum class NoticeForm { short_form, long_form };

struct NoticeInput {
  const model::Register& reg;
  const model::Activity& activity;
  std::vector<model::PurposeId> purposes;  ///< those the notice covers, in the activity's order
  NoticeArticle article = NoticeArticle::art13;
  NoticeForm form = NoticeForm::long_form;
  /// Short form: where the long one is (a web address, a page of the
  /// charter); empty, the person asks the DPO for it.
  std::string more_at;
};

/// The formats a notice is written in: text, md, html.
[[nodiscard]] std::vector<std::string> notice_formats();

/// What keeps the notice from being written truthfully: an Art. 14 notice
/// with no source in the register, a purpose on legitimate interests whose
/// interest pursued the register does not state. Each names the activity or purpose by id.
[[nodiscard]] std::vector<std::string> notice_errors(const NoticeInput& in);

/// What the register leaves out and the notice therefore says is missing:
/// a transfer with no safeguard, data with no retention period, a purpose
/// with no legal basis. For standard error, as warnings.
[[nodiscard]] std::vector<std::string> notice_gaps(const NoticeInput& in);

/// The notice in `format` ("text", "md" or "html") and `lang`: the same
/// register and options give the same bytes.
[[nodiscard]] std::string render_notice(const NoticeInput& in, std::string_view format, Lang lang);

/// sha256sum's line for bytes written to `name` ("-" for standard output),
/// so that `sha256sum -c` checks it.
[[nodiscard]] std::string sha256_line(std::string_view hex, std::string_view name);

}  // namespace dpo::report
