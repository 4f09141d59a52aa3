#include "sim/rating_pipeline.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace provsim::sim {

PipelinedRating::PipelinedRating(std::unique_ptr<RatingPort> inner)
    : inner_(std::move(inner)), worker_([this] { work(); }) {}

PipelinedRating::~PipelinedRating() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  work_ready_.notify_one();
  worker_.join();
}

void PipelinedRating::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    idle_ = true;
    work_ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    idle_ = false;
    if (stop_) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr failed;
    try {
      run(job);
    } catch (...) {
      failed = std::current_exception();
    }
    job = Job{};  // a batch's events freed on this thread, outside the lock
    lock.lock();
    busy_ = false;
    if (failed && !failure_) failure_ = failed;
    if (failure_) queue_.clear();  // the engine's state is unknown after a failure: do nothing more
    if (queue_.empty()) all_done_.notify_all();
  }
}

void PipelinedRating::run(Job& job) {
  if (Batch* batch = std::get_if<Batch>(&job)) {
    inner_->rate(RateRequest{batch->now, batch->events});
    return;
  }
  const auto& change = std::get<SubscriptionChange>(job);
  const SubscriptionAnswer answer = inner_->change_subscription(change);
  if (!answer.error.empty())
    throw std::logic_error("the rating engine refused a subscription change (" + std::string(to_string(change.action)) +
                           ", subscriber " + std::to_string(change.user.value()) + "): " + answer.error);
}

void PipelinedRating::post(Job job) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    // A subscription change is a few hundred nanoseconds of work, waking the
    // worker a few microseconds of system call: an idle worker is woken for
    // a batch, or once kChangesPerWake changes are waiting (a million
    // accounts opened in a bulk load), and by settle() for the rest.
    wake = idle_ && (std::holds_alternative<Batch>(job) || queue_.size() + 1 >= kChangesPerWake);
    queue_.push_back(std::move(job));
  }
  if (wake) work_ready_.notify_one();
}

void PipelinedRating::settle() {
  std::unique_lock lock(mutex_);
  if (idle_ && !queue_.empty()) work_ready_.notify_one();
  all_done_.wait(lock, [this] { return queue_.empty() && !busy_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

RateAnswer PipelinedRating::rate(const RateRequest& request) {
  return rate_batch(request.now, std::vector<RatingEvent>(request.events.begin(), request.events.end()));
}

RateAnswer PipelinedRating::rate_batch(SimTime now, std::vector<RatingEvent>&& events) {
  post(Batch{now, std::move(events)});
  return {};
}

SubscriptionAnswer PipelinedRating::change_subscription(const SubscriptionChange& change) {
  post(change);
  return {};
}

CycleStatement PipelinedRating::close_cycle(SimTime end, const InvoiceSink& sink) {
  settle();
  return inner_->close_cycle(end, sink);
}

}  // namespace provsim::sim
