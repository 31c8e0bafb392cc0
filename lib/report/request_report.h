#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/request.h"
#include "time/instant.h"

/// What `dpo sar` prints about the request log (docs/design.md 2.4).
namespace dpo::report {

/// What a command did to a request: opened, extended, closed.
enum class RequestChange { opened, extended, closed, linked };

/// What to do with a request from someone not in the store, for the message
/// after it is opened (naming the kind of contact, not its value).
[[nodiscard]] std::string requester_unknown(const model::SubjectRequest& request, Lang lang);

/// One request after `change`: text (one line; nothing with `quiet`) or json.
void render_request(const model::SubjectRequest& request, RequestChange change, Instant now, const Zone& zone,
                    std::string_view format, bool quiet, Lang lang, std::ostream& out);

/// The request log, a row at a time: text (a table, its header unless
/// `quiet`) or json (an array). Call close() once at the end.
class RequestList {
 public:
  RequestList(std::ostream& out, std::string_view format, bool quiet, Instant now, const Zone& zone, Lang lang);
  void add(const model::SubjectRequest& request);
  void close();

 private:
  std::ostream& out_;
  std::string format_;
  Instant now_;
  Zone zone_;
  Lang lang_;
  bool first_ = true;
};

}  // namespace dpo::report
