#pragma once
// The rating engine on a second thread: the part of a run that can go on
// beside the simulation without changing what it computes.
//
// Rating a batch feeds nothing back into the simulation at the instant the
// batch is rated: the feed's acknowledgement waits for a simulated cost that
// depends only on the batch's size, and what rating produces (rated events,
// revenue, suspense, counters) is read only when a subscription changes (the
// party's outcome depends on the answer), when a billing cycle closes, when
// metrics are sampled and when the results are built. So PipelinedRating
// hands each batch to a worker thread and returns at once.
//
// Subscription changes go to the worker too, in the same queue: the
// in-process reference refuses a change only when the simulation itself is
// wrong (an unknown plan, an account opened twice, an item that is not
// there: the billing system's own holdings rule these out), so its answer
// is known without waiting for it. Had every new subscriber's account
// opening waited for the batches before it, the worker would rarely run
// beside the simulation. A refusal stops the run at the next settle.
//
// A cycle close, a metrics sample and the results first wait until the
// worker has done all it was handed (settle), then run on the caller's
// thread. All rating work still happens on one engine, in the order the
// simulation asked for it, so a run's outputs are byte for byte those of a
// run on one thread (`provsim run --threads 1`).
//
// It wraps the in-process reference only: the harness compares each answer
// of a system under test as it comes, and the platform's journals record
// rating as it happens, so runs with either stay on one thread.

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "sim/rating_port.hpp"

namespace provsim::sim {

class PipelinedRating : public RatingPort {
 public:
  explicit PipelinedRating(std::unique_ptr<RatingPort> inner);
  // Stops the worker; batches not rated yet are dropped (the run is over).
  ~PipelinedRating() override;
  PipelinedRating(const PipelinedRating&) = delete;
  PipelinedRating& operator=(const PipelinedRating&) = delete;

  // Queued for the worker: answered as accepted (see above).
  SubscriptionAnswer change_subscription(const SubscriptionChange& change) override;
  // Queued for the worker: the answer's counts are not known yet (zeros).
  RateAnswer rate(const RateRequest& request) override;
  RateAnswer rate_batch(SimTime now, std::vector<RatingEvent>&& events) override;
  CycleStatement close_cycle(SimTime end, const InvoiceSink& sink) override;
  RatingObserver* reference_observer(RatingObserver* records) override {
    return inner_->reference_observer(records);
  }
  // Waits until every queued batch is rated; a failure of the engine on the
  // worker is thrown here, on the simulation's thread.
  void settle() override;

 private:
  struct Batch {
    SimTime now = 0;
    std::vector<RatingEvent> events;
  };
  using Job = std::variant<Batch, SubscriptionChange>;
  void work();
  void run(Job& job);
  void post(Job job);

  std::unique_ptr<RatingPort> inner_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable all_done_;
  std::deque<Job> queue_;       // guarded by mutex_
  static constexpr std::size_t kChangesPerWake = 256;
  bool busy_ = false;           // the worker is doing a job it took off the queue
  bool idle_ = false;           // the worker waits for work_ready_
  bool stop_ = false;
  std::exception_ptr failure_;  // the first failure on the worker
  std::thread worker_;
};

}  // namespace provsim::sim
