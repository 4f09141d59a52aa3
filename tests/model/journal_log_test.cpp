// The journal's bookkeeping: what each commit policy writes and when, what
// a snapshot covers, and what a crash loses.

#include "model/durability/journal_log.hpp"

#include <gtest/gtest.h>

namespace provsim {
namespace {

CommitPolicy policy(CommitMode mode, std::uint32_t count = 3, Duration interval = 10) {
  return CommitPolicy{mode, count, interval};
}

TEST(JournalLog, ParsesThePolicyNames) {
  EXPECT_EQ(parse_commit_mode("sync"), CommitMode::kSync);
  EXPECT_EQ(parse_commit_mode("group"), CommitMode::kGroup);
  EXPECT_EQ(parse_commit_mode("none"), CommitMode::kNone);
  EXPECT_FALSE(parse_commit_mode("Sync"));
  EXPECT_EQ(to_string(CommitMode::kGroup), "group");
}

TEST(JournalLog, SyncWritesEachRecordOnItsOwn) {
  JournalLog log(policy(CommitMode::kSync));
  EXPECT_FALSE(log.next_write(0));
  EXPECT_EQ(log.append(100, 0), 1u);
  EXPECT_EQ(log.append(50, 0), 2u);
  auto w = log.next_write(0);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->first, 1u);
  EXPECT_EQ(w->last, 1u);
  EXPECT_EQ(w->bytes, 100);
  log.written(*w);
  EXPECT_TRUE(log.is_durable(1));
  EXPECT_FALSE(log.is_durable(2));
  w = log.next_write(0);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->first, 2u);
  log.written(*w);
  EXPECT_EQ(log.writes(), 2u);
  EXPECT_EQ(log.bytes_written(), 150);
  EXPECT_FALSE(log.next_write(0));
}

TEST(JournalLog, GroupWritesWhenFullOrWhenTheOldestHasWaited) {
  JournalLog log(policy(CommitMode::kGroup, 3, 10));
  log.append(10, 0);
  log.append(10, 1);
  EXPECT_FALSE(log.next_write(5));  // two of three, oldest waited 5 of 10
  EXPECT_EQ(log.next_due(), 10.0);
  auto w = log.next_write(10);  // the oldest has waited long enough
  ASSERT_TRUE(w);
  EXPECT_EQ(w->first, 1u);
  EXPECT_EQ(w->last, 2u);
  EXPECT_EQ(w->bytes, 20);
  log.written(*w);
  for (int i = 0; i < 3; ++i) log.append(10, 11);
  w = log.next_write(11);  // full
  ASSERT_TRUE(w);
  EXPECT_EQ(w->last, 5u);
  log.written(*w);
  EXPECT_EQ(log.durable(), 5u);
  EXPECT_EQ(log.writes(), 2u);
}

TEST(JournalLog, NoneNeverWritesAndLosesEverythingSinceTheSnapshot) {
  JournalLog log(policy(CommitMode::kNone));
  log.append(10, 0);
  log.append(10, 0);
  EXPECT_FALSE(log.next_write(100));
  EXPECT_FALSE(log.next_due());
  const std::uint64_t covers = log.snapshot_begins();
  EXPECT_EQ(covers, 2u);
  log.append(10, 1);  // after the snapshot began: not in it
  log.snapshot_written(covers, 1000, log.journal_bytes());
  EXPECT_TRUE(log.is_durable(2));
  EXPECT_FALSE(log.is_durable(3));
  const JournalLoss lost = log.crash();
  EXPECT_EQ(lost.first, 3u);
  EXPECT_EQ(lost.records, 1u);
  EXPECT_EQ(lost.bytes, 10);
  EXPECT_EQ(log.replay_bytes(), 1000);
}

TEST(JournalLog, ACrashLosesWhatWasNotWrittenAndNumbersGoOn) {
  JournalLog log(policy(CommitMode::kGroup, 100, 10));
  log.append(10, 0);
  log.written(*log.next_write(10));
  log.append(20, 11);
  log.append(30, 12);
  const JournalLoss lost = log.crash();
  EXPECT_EQ(lost.first, 2u);
  EXPECT_EQ(lost.records, 2u);
  EXPECT_EQ(lost.bytes, 50);
  EXPECT_FALSE(log.next_write(1000));  // nothing pending after the crash
  EXPECT_EQ(log.append(5, 20), 4u);    // a lost number is never reused
  EXPECT_EQ(log.replay_bytes(), 10);   // only the written record is read back
}

TEST(JournalLog, ASnapshotBoundsWhatAReplayReads) {
  JournalLog log(policy(CommitMode::kSync));
  for (int i = 0; i < 4; ++i) {
    log.append(100, i);
    log.written(*log.next_write(i));
  }
  EXPECT_EQ(log.replay_bytes(), 400);
  EXPECT_EQ(log.replay_records(), 4u);
  const std::uint64_t covers = log.snapshot_begins();
  const double covered = log.journal_bytes();
  log.append(100, 5);
  log.written(*log.next_write(5));  // written while the snapshot is being written
  log.snapshot_written(covers, 250, covered);
  EXPECT_EQ(log.replay_bytes(), 350);  // the snapshot and the one record after it
  EXPECT_EQ(log.replay_records(), 1u);
}

// Waking the writer costs the simulation a context switch; only a record
// that changes what the writer waits for does it.
TEST(JournalLog, OnlyARecordThatChangesTheWritersWaitWakesIt) {
  JournalLog group(policy(CommitMode::kGroup, 3, 10));
  group.append(1, 0);
  EXPECT_TRUE(group.wakes_writer());  // the first of a group: the writer learns when it falls due
  group.append(1, 1);
  EXPECT_FALSE(group.wakes_writer());
  group.append(1, 2);
  EXPECT_TRUE(group.wakes_writer());  // it fills the group
  group.written(*group.next_write(2));
  group.append(1, 3);
  EXPECT_TRUE(group.wakes_writer());  // a new group
  JournalLog sync(policy(CommitMode::kSync));
  sync.append(1, 0);
  sync.append(1, 0);
  EXPECT_TRUE(sync.wakes_writer());
  JournalLog none(policy(CommitMode::kNone));
  none.append(1, 0);
  EXPECT_FALSE(none.wakes_writer());
}

}  // namespace
}  // namespace provsim
