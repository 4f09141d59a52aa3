#include "model/durability/journal_log.hpp"

#include <algorithm>

namespace provsim {

std::optional<CommitMode> parse_commit_mode(std::string_view text) {
  if (text == "sync") return CommitMode::kSync;
  if (text == "group") return CommitMode::kGroup;
  if (text == "none") return CommitMode::kNone;
  return std::nullopt;
}

std::string_view to_string(CommitMode mode) {
  switch (mode) {
    case CommitMode::kSync: return "sync";
    case CommitMode::kGroup: return "group";
    case CommitMode::kNone: return "none";
  }
  return "?";
}

std::uint64_t JournalLog::append(double bytes, SimTime now) {
  pending_.push_back(Pending{bytes, now});
  return ++appended_;
}

std::optional<JournalWrite> JournalLog::next_write(SimTime now) const {
  if (pending_.empty()) return std::nullopt;
  switch (policy_.mode) {
    case CommitMode::kNone: return std::nullopt;
    case CommitMode::kSync: return JournalWrite{durable_ + 1, durable_ + 1, pending_.front().bytes};
    case CommitMode::kGroup: {
      const bool full = pending_.size() >= policy_.group_count;
      if (!full && now < pending_.front().at + policy_.group_interval) return std::nullopt;
      double bytes = 0;
      for (const Pending& p : pending_) bytes += p.bytes;
      return JournalWrite{durable_ + 1, appended_, bytes};
    }
  }
  return std::nullopt;
}

std::optional<SimTime> JournalLog::next_due() const {
  if (pending_.empty() || policy_.mode == CommitMode::kNone) return std::nullopt;
  if (policy_.mode == CommitMode::kSync) return pending_.front().at;
  return pending_.front().at + policy_.group_interval;
}

bool JournalLog::wakes_writer() const {
  switch (policy_.mode) {
    case CommitMode::kSync: return true;
    case CommitMode::kGroup: return pending_.size() == 1 || pending_.size() >= policy_.group_count;
    case CommitMode::kNone: return false;
  }
  return true;
}

void JournalLog::written(const JournalWrite& write) {
  // Only records still pending count: a crash in between dropped the rest.
  while (durable_ < write.last && !pending_.empty()) {
    pending_.pop_front();
    ++durable_;
  }
  ++writes_;
  bytes_written_ += write.bytes;
  journal_bytes_ += write.bytes;
}

void JournalLog::snapshot_written(std::uint64_t covers, double state_bytes, double covered_journal_bytes) {
  snapshot_covers_ = std::max(snapshot_covers_, covers);
  while (durable_ < covers && !pending_.empty()) {  // in the snapshot now
    pending_.pop_front();
    ++durable_;
  }
  snapshot_bytes_ = state_bytes;
  journal_bytes_ = std::max(0.0, journal_bytes_ - covered_journal_bytes);
  bytes_written_ += state_bytes;
}

double JournalLog::replay_bytes() const { return snapshot_bytes_ + journal_bytes_; }

JournalLoss JournalLog::crash() {
  JournalLoss loss;
  loss.first = durable_ + 1;
  loss.records = pending_.size();
  for (const Pending& p : pending_) loss.bytes += p.bytes;
  pending_.clear();
  // Sequence numbers go on from where they were: a lost record's number is
  // never reused, so whoever remembers one can tell it was lost.
  durable_ = appended_;
  return loss;
}

}  // namespace provsim
