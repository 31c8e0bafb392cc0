#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace dpo {

/// Work done in two threads, one feeding the other: `produce` runs in a
/// thread of its own and hands over batches of items; the caller takes them
/// with next() and does the rest. At most `ahead` batches wait, so memory
/// stays flat however long the stream. What `produce` throws is rethrown by
/// next(); destroying the pipeline stops `produce` at its next hand-over and
/// waits for it.
template <class T>
class Pipeline {
 public:
  /// `produce` calls the function it is given with each full batch; that
  /// function returns false once the consumer has stopped (then produce
  /// should return).
  using HandOver = std::function<bool(std::vector<T>&&)>;

  explicit Pipeline(std::function<void(const HandOver&)> produce, std::size_t ahead = 4)
      : ahead_(ahead), thread_([this, produce = std::move(produce)] { run(produce); }) {}
  ~Pipeline() {
    stop();
    thread_.join();
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  /// The next batch; empty once everything was handed over.
  std::vector<T> next() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !queue_.empty() || done_; });
    if (queue_.empty()) {
      if (failure_) std::rethrow_exception(failure_);
      return {};
    }
    std::vector<T> batch = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return batch;
  }

  /// Stops the producing early: what is still to come is not wanted.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }

 private:
  void run(const std::function<void(const HandOver&)>& produce) {
    try {
      produce([this](std::vector<T>&& batch) { return hand_over(std::move(batch)); });
    } catch (...) {
      std::lock_guard lock(mutex_);
      failure_ = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    done_ = true;
    ready_.notify_one();
  }

  bool hand_over(std::vector<T>&& batch) {
    if (batch.empty()) return true;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return queue_.size() < ahead_ || stopped_; });
    if (stopped_) return false;
    queue_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }

  std::size_t ahead_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<std::vector<T>> queue_;
  bool done_ = false;
  bool stopped_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: it starts once the members above exist
};

/// A producer for a Pipeline of what a reader yields: calls `next(item)`
/// until it returns false, handing the items over `size` at a time, and
/// `before_hand_over()` before each batch goes (to note how far it read).
template <class T, class Next, class Before>
[[nodiscard]] std::function<void(const typename Pipeline<T>::HandOver&)> read_ahead(Next next, std::size_t size,
                                                                                    Before before_hand_over) {
  return [next = std::move(next), size,
          before_hand_over = std::move(before_hand_over)](const typename Pipeline<T>::HandOver& hand_over) mutable {
    std::vector<T> batch;
    T item;
    while (next(item)) {
      batch.push_back(std::move(item));
      item = T{};
      if (batch.size() < size) continue;
      before_hand_over();
      if (!hand_over(std::move(batch))) return;
      batch = {};
    }
    before_hand_over();
    hand_over(std::move(batch));
  };
}

}  // namespace dpo
