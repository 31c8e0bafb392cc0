#include "time/clock.h"

namespace dpo {

Clock Clock::system() {
  return Clock(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace dpo
