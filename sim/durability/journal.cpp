#include "sim/durability/journal.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

// SimGrid disks take whole bytes.
sg_size_t whole_bytes(double bytes) { return static_cast<sg_size_t>(std::ceil(std::max(bytes, 0.0))); }

}  // namespace

Journal::Journal(std::string name, sg4::Disk* disk, CommitPolicy policy, double write_latency,
                 double snapshot_interval, std::function<double()> state_bytes)
    : name_(std::move(name)),
      disk_(disk),
      log_(policy),
      write_latency_(write_latency),
      snapshot_interval_(snapshot_interval),
      state_bytes_(std::move(state_bytes)) {}

void Journal::start(sg4::Host* host) {
  appended_ = sg4::Semaphore::create(0);
  if (log_.policy().mode != CommitMode::kNone)
    actors_.push_back(sg4::Actor::create(name_ + "-journal-writer", host, [this] { writer(); }));
  if (snapshot_interval_ > 0)
    actors_.push_back(sg4::Actor::create(name_ + "-snapshots", host, [this] { snapshotter(); }));
}

JournalLoss Journal::crash() {
  for (auto& actor : actors_) actor->kill();
  actors_.clear();
  next_append_ = nullptr;
  waiters_.clear();  // their actors are killed with the host's others
  held_lost_ += held_.size();
  held_.clear();
  ++crashes_;
  const JournalLoss loss = log_.crash();
  records_lost_ += loss.records;
  return loss;
}

void Journal::take_over() {
  if (!replica_) return;
  simgrid::s4u::Disk* copy = replica_->disk();
  replica_->redirect(copy->get_host(), disk_);
  disk_ = copy;
  shipping_ = false;
}

double Journal::catch_up() {
  if (!replica_) return 0;
  double shipped = log_.replay_bytes();
  double seen = log_.bytes_written();
  replica_->ship(shipped);
  // Writes completed meanwhile are not in the copy yet. A write under way
  // when shipping resumes is shipped by its writer (its bytes are counted
  // only after that), so nothing goes twice.
  while (log_.bytes_written() > seen) {
    const double more = log_.bytes_written() - seen;
    seen = log_.bytes_written();
    replica_->ship(more);
    shipped += more;
  }
  shipping_ = true;
  return shipped;
}

double Journal::replay() {
  const double start = now();
  const double bytes = log_.replay_bytes();
  if (bytes > 0) disk_->read(whole_bytes(bytes));
  return now() - start;
}

std::uint64_t Journal::append(double bytes, bool wake_writer) {
  const std::uint64_t seq = log_.append(bytes, now());
  if (next_append_) std::exchange(next_append_, nullptr)();
  // Waking the writer costs a context switch per record; a group's later
  // records change nothing it waits for.
  unwoken_ = unwoken_ || log_.wakes_writer();
  if (wake_writer) wake();
  return seq;
}

void Journal::wake() {
  if (!unwoken_ || !appended_) return;
  unwoken_ = false;
  appended_->release();
}

void Journal::wait_durable(std::uint64_t seq) {
  if (log_.policy().mode == CommitMode::kNone || log_.is_durable(seq)) return;
  auto done = sg4::Semaphore::create(0);
  waiters_.emplace(seq, done);
  done->acquire();
}

void Journal::hold(std::uint64_t seq, std::function<void()> send) {
  if (log_.is_durable(seq)) {
    send();
    return;
  }
  held_.emplace(seq, std::move(send));
}

void Journal::then(std::uint64_t seq, std::function<void()> send) {
  switch (mode()) {
    case CommitMode::kSync: wait_durable(seq); break;
    case CommitMode::kGroup: hold(seq, std::move(send)); return;
    case CommitMode::kNone: break;
  }
  send();
}

// A snapshot made records durable that the writer has not written (a
// group not yet due): what waited for them goes now.
void Journal::release_held() {
  if (!held_.empty()) release_waiters();
}

void Journal::release_waiters() {
  while (!waiters_.empty() && log_.is_durable(waiters_.begin()->first)) {
    waiters_.begin()->second->release();
    waiters_.erase(waiters_.begin());
  }
  std::vector<std::function<void()>> sends;
  while (!held_.empty() && log_.is_durable(held_.begin()->first)) {
    sends.push_back(std::move(held_.begin()->second));
    held_.erase(held_.begin());
  }
  if (sends.empty()) return;
  // Sent by an actor of their own: SimGrid keeps every detached message in
  // its sender's list of activities and takes each out by a linear search,
  // so a long-lived sender of millions of messages slows every later one.
  sg4::Actor::create(name_ + "-sends", sg4::this_actor::get_host(), [sends = std::move(sends)] {
    for (const auto& send : sends) send();
  });
}

// Writes what the policy asks for, one write at a time; sleeps until the
// next append or until a group falls due.
void Journal::writer() {
  while (true) {
    if (auto write = log_.next_write(now())) {
      const double start = now();
      disk_->write(whole_bytes(write->bytes));
      if (write_latency_ > 0) sg4::this_actor::sleep_for(write_latency_);
      write_time_ += now() - start;
      if (shipping_) replica_->ship(write->bytes);
      log_.written(*write);
      release_waiters();
      continue;
    }
    const auto due = log_.next_due();
    if (due && *due > now())
      appended_->acquire_timeout(*due - now());  // an append may fill the group first
    else
      appended_->acquire();
  }
}

// Every snapshot_interval, writes the whole state. Records durable when it
// begins are covered once it is written.
void Journal::snapshotter() {
  double next = (std::floor(now() / snapshot_interval_) + 1) * snapshot_interval_;
  while (true) {
    sg4::this_actor::sleep_until(next);
    next += snapshot_interval_;
    snapshot();
  }
}

void Journal::snapshot() {
  const std::uint64_t crashes = crashes_;
  const std::uint64_t covers = log_.snapshot_begins();
  const double covered = log_.journal_bytes();
  const double bytes = state_bytes_();
  disk_->write(whole_bytes(bytes));
  if (shipping_) replica_->ship(bytes);
  if (crashes != crashes_) return;  // the state it wrote died in a crash meanwhile
  log_.snapshot_written(covers, bytes, covered);
  release_held();
}

}  // namespace provsim::sim
