#pragma once
// The bookkeeping of one component's journal, without a disk: which records
// were appended, which of them are durable (written), what the next write
// takes under the commit policy, and what a snapshot covers. The simulation
// (sim/durability/journal.hpp) carries the writes out on a simulated disk;
// this class only decides and remembers, so it can be tested on its own.
//
// Commit policies:
//   sync  - every record is written on its own, as soon as the disk is free;
//   group - records gather until `group_count` of them wait or the oldest has
//           waited `group_interval`, then one write takes them all;
//   none  - records are never written; only snapshots make state durable.
// A snapshot writes the whole state; records appended before it began need
// not be replayed after it, which is what bounds the replay time.

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>

#include "model/core/sim_time.hpp"

namespace provsim {

enum class CommitMode : std::uint8_t { kSync, kGroup, kNone };
std::optional<CommitMode> parse_commit_mode(std::string_view text);
std::string_view to_string(CommitMode mode);

struct CommitPolicy {
  CommitMode mode = CommitMode::kSync;
  std::uint32_t group_count = 64;  // group: write when this many records wait...
  Duration group_interval = 1;     // ...or when the oldest has waited this long
};

// One write the disk should carry out: records first..last (inclusive), bytes.
struct JournalWrite {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  double bytes = 0;
};

// What a crash cost: the records appended but not durable.
struct JournalLoss {
  std::uint64_t first = 0;  // the first record lost (when records > 0)
  std::uint64_t records = 0;
  double bytes = 0;
};

class JournalLog {
 public:
  explicit JournalLog(CommitPolicy policy) : policy_(policy) {}

  const CommitPolicy& policy() const { return policy_; }

  // Appends a record of `bytes`; returns its sequence number (from 1).
  std::uint64_t append(double bytes, SimTime now);

  // The write to start now, if the policy wants one (the disk is free).
  std::optional<JournalWrite> next_write(SimTime now) const;
  // When a group write becomes due if nothing else is appended; nullopt when
  // no write is pending or the policy never writes.
  std::optional<SimTime> next_due() const;
  // A write started by next_write() completed: its records are durable.
  void written(const JournalWrite& write);

  // A snapshot begins: it captures the state with every record appended so
  // far, so once it is written those records are durable too.
  std::uint64_t snapshot_begins() const { return appended_; }
  // The snapshot that began covering `covers` is written; `state_bytes` is
  // what a replay reads of it. The journal bytes it covers are dropped.
  void snapshot_written(std::uint64_t covers, double state_bytes, double covered_journal_bytes);
  // Durable journal bytes after the last snapshot (what a replay reads
  // besides the snapshot).
  double journal_bytes() const { return journal_bytes_; }

  // What a replay reads: the last snapshot, then the durable records after it.
  double replay_bytes() const;
  std::uint64_t replay_records() const { return durable_ > snapshot_covers_ ? durable_ - snapshot_covers_ : 0; }

  // The crash: records not durable are gone (nothing is pending afterwards).
  JournalLoss crash();

  std::uint64_t appended() const { return appended_; }
  // Records appended and not yet durable.
  std::size_t pending() const { return pending_.size(); }
  // Whether the record just appended changes what the writer waits for:
  // under sync any record; under group the first of a group (the writer
  // learns when the group falls due) or the one that fills it; under none
  // never. Other appends need not wake the writer.
  bool wakes_writer() const;
  std::uint64_t durable() const { return durable_; }
  // Whether record `record` is durable (or was lost in a crash: numbers are
  // never reused, and nobody waits for a lost one).
  bool is_durable(std::uint64_t record) const { return record <= durable_; }
  std::uint64_t writes() const { return writes_; }
  double bytes_written() const { return bytes_written_; }

 private:
  struct Pending {
    double bytes;
    SimTime at;
  };
  CommitPolicy policy_;
  std::uint64_t appended_ = 0;
  std::uint64_t durable_ = 0;
  std::deque<Pending> pending_;  // records durable_ + 1 .. appended_
  double journal_bytes_ = 0;     // durable journal bytes after the last snapshot
  std::uint64_t snapshot_covers_ = 0;
  double snapshot_bytes_ = 0;
  std::uint64_t writes_ = 0;
  double bytes_written_ = 0;
};

}  // namespace provsim
