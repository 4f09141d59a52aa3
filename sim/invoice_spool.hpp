#pragma once
// Invoice lines on their way to invoices.csv, kept on disk, not in memory:
// a million subscribers' monthly invoices are a few million lines (hundreds
// of MB as objects), written once and read once, when the results are.
//
// Lines go to an unnamed file (O_TMPFILE, or a name removed at once) in the
// folder the results will be written next to, so they take disk there and
// vanish with the process however it ends. Records are fixed-size binary;
// read() gives them back in the order they were appended.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "model/rating/billing_statement.hpp"

namespace provsim::sim {

struct SpooledLine {
  std::uint32_t cycle = 0;
  SubscriberId subscriber;
  InvoiceLine line;
};

class InvoiceSpool {
 public:
  explicit InvoiceSpool(const std::filesystem::path& dir);
  ~InvoiceSpool();
  InvoiceSpool(const InvoiceSpool&) = delete;
  InvoiceSpool& operator=(const InvoiceSpool&) = delete;

  // Appends every line of `invoice`, closed in `cycle`.
  void append(std::uint32_t cycle, const Invoice& invoice);
  std::uint64_t lines() const { return lines_; }

  // Calls `f` for each line in the order appended. No append after a read.
  void read(const std::function<void(const SpooledLine&)>& f);

 private:
  std::FILE* file_ = nullptr;
  std::uint64_t lines_ = 0;
  bool reading_ = false;
};

}  // namespace provsim::sim
