#include "sim/invoice_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "model/core/check.hpp"

namespace provsim::sim {
namespace {

// One line as written: plain integers, so the record is the same whatever
// the in-memory layout of InvoiceLine.
struct Record {
  std::uint32_t cycle;
  std::uint32_t subscriber;
  std::uint32_t offering;
  std::uint32_t plan;
  std::uint8_t kind;
  std::uint8_t late;
  std::uint8_t pad[6];
  std::int64_t events;
  std::int64_t quantity_millis;
  std::int64_t amount_micros;
};
static_assert(sizeof(Record) == 48);

[[noreturn]] void fail(const std::filesystem::path& dir, const std::string& what) {
  throw std::runtime_error("invoice spool in " + dir.string() + ": " + what + ": " + std::strerror(errno));
}

int open_unnamed(const std::filesystem::path& dir) {
#ifdef O_TMPFILE
  const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  // The filesystem has no unnamed files: make one and remove its name.
  std::string name = (dir / ".provsim-invoices-XXXXXX").string();
  const int fd2 = ::mkstemp(name.data());
  if (fd2 < 0) fail(dir, "cannot create a temporary file");
  ::unlink(name.c_str());
  return fd2;
}

}  // namespace

InvoiceSpool::InvoiceSpool(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const int fd = open_unnamed(dir);
  file_ = ::fdopen(fd, "w+b");
  if (file_ == nullptr) {
    ::close(fd);
    fail(dir, "cannot open the temporary file");
  }
}

InvoiceSpool::~InvoiceSpool() {
  if (file_ != nullptr) std::fclose(file_);
}

void InvoiceSpool::append(std::uint32_t cycle, const Invoice& invoice) {
  PROVSIM_CHECK(!reading_, "invoice spool appended to after it was read");
  for (const InvoiceLine& l : invoice.lines) {
    const Record r{cycle, invoice.subscriber.value(), l.offering.value(), l.plan.valid() ? l.plan.value() + 1u : 0u,
                   static_cast<std::uint8_t>(l.kind), l.late, {}, l.events, l.quantity.millis(), l.amount.micros()};
    if (std::fwrite(&r, sizeof r, 1, file_) != 1) throw std::runtime_error("invoice spool: write failed (disk full?)");
    ++lines_;
  }
}

void InvoiceSpool::read(const std::function<void(const SpooledLine&)>& f) {
  reading_ = true;
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)
    throw std::runtime_error("invoice spool: cannot read back");
  Record r;
  for (std::uint64_t i = 0; i < lines_; ++i) {
    if (std::fread(&r, sizeof r, 1, file_) != 1) throw std::runtime_error("invoice spool: short read");
    SpooledLine s;
    s.cycle = r.cycle;
    s.subscriber = SubscriberId(r.subscriber);
    s.line.offering = OfferingId(static_cast<OfferingId::rep>(r.offering));
    s.line.plan = r.plan ? PlanId(static_cast<PlanId::rep>(r.plan - 1)) : PlanId();
    s.line.kind = static_cast<ChargeKind>(r.kind);
    s.line.late = r.late != 0;
    s.line.events = r.events;
    s.line.quantity = Quantity::from_millis(r.quantity_millis);
    s.line.amount = Money::from_micros(r.amount_micros);
    f(s);
  }
}

}  // namespace provsim::sim
