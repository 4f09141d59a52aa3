#include "sim/rating_pipeline.hpp"

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
    work_ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr failed;
    try {
      inner_->rate(RateRequest{batch.now, batch.events});
    } catch (...) {
      failed = std::current_exception();
    }
    batch.events = {};  // freed on this thread, outside the lock
    lock.lock();
    busy_ = false;
    if (failed && !failure_) failure_ = failed;
    if (failure_) queue_.clear();  // the engine's state is unknown after a failure: rate nothing more
    if (queue_.empty()) all_done_.notify_all();
  }
}

void PipelinedRating::settle() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [this] { return queue_.empty() && !busy_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

RateAnswer PipelinedRating::rate(const RateRequest& request) {
  return rate_batch(request.now, std::vector<RatingEvent>(request.events.begin(), request.events.end()));
}

RateAnswer PipelinedRating::rate_batch(SimTime now, std::vector<RatingEvent>&& events) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(Batch{now, std::move(events)});
  }
  work_ready_.notify_one();
  return {};
}

SubscriptionAnswer PipelinedRating::change_subscription(const SubscriptionChange& change) {
  settle();
  return inner_->change_subscription(change);
}

CycleStatement PipelinedRating::close_cycle(SimTime end, const InvoiceSink& sink) {
  settle();
  return inner_->close_cycle(end, sink);
}

}  // namespace provsim::sim
