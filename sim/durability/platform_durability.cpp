#include "sim/durability/platform_durability.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <utility>
#include <variant>

#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/faults.hpp"
#include "sim/platform_components.hpp"
#include "sim/run_context.hpp"
#include "sim/sim_clock.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

// Receives and drops what is sent to a component while the host is down.
template <typename Message, typename OnDrop>
sg4::ActorPtr drainer(const std::string& name, sg4::Host* host, Mailbox<Message> box, OnDrop on_drop) {
  return sg4::Actor::create(name, host, [box, on_drop] {
    while (true) on_drop(box.receive());
  });
}

}  // namespace

PlatformDurability::PlatformDurability(const RunContext& context, PlatformComponents& platform, Faults& faults)
    : context_(context),
      platform_(platform),
      faults_(faults),
      home_(context.hosts.platform_host),
      host_(context.hosts.platform_host),
      standby_(nullptr),
      pair_(nullptr),
      record_bytes_(context.options.journals.record_bytes),
      item_bytes_(context.options.journals.snapshot_item_bytes),
      lease_probation_(context.options.journals.lease_probation) {
  const DurabilityOptions& o = context.options.journals;
  disk_ = host_->create_disk("platform-journal", o.read_bandwidth, o.write_bandwidth)->seal();
  const double every = o.snapshot_interval;
  const double flush = o.write_latency;
  provisioning_ = std::make_unique<Journal>("provisioning", disk_, o.provisioning, flush, every, [this] {
    return item_bytes_ *
           static_cast<double>(platform_.workflow().store().active_subscribers() +
                               platform_.workflow().active_orders() + platform_.provisioning_queue().waiting.size());
  });
  rating_ = std::make_unique<Journal>("rating", disk_, o.rating, flush, every,
                                      [this] { return static_cast<double>(platform_.rating().memory_bytes()); });
  bindings_ = std::make_unique<Journal>("bindings", disk_, o.bindings, flush, every, [this] {
    double bound = 0;
    for (std::size_t p = 0; p < platform_.addresses().pool_count(); ++p)
      bound += platform_.addresses().pool(PoolId(static_cast<PoolId::rep>(p))).stats().bound;
    return item_bytes_ * bound;
  });
  leases_ = std::make_unique<Journal>("leases", disk_, o.leases, flush, every, [this] {
    double leased = 0;
    for (std::size_t p = 0; p < platform_.addresses().pool_count(); ++p)
      leased += platform_.addresses().pool(PoolId(static_cast<PoolId::rep>(p))).stats().leased;
    return item_bytes_ * leased;
  });
  failover_ = o.failover;
  if (failover_ != Failover::kNone) {  // checked when loaded: there is a standby host
    standby_ = context.hosts.standby_host;
    pair_ = standby_;
    detection_ = o.failover_detection;
  }
  if (failover_ == Failover::kReplicated) {
    sg4::Disk* copy = standby_->create_disk("standby-journal", o.read_bandwidth, o.write_bandwidth)->seal();
    for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()})
      j->replicate_to(JournalReplica(home_, copy, flush));
  }
}

PlatformDurability::~PlatformDurability() = default;

std::vector<const Journal*> PlatformDurability::journals() const {
  return {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()};
}

void PlatformDurability::start_component(const std::string& name, std::function<void()> body) {
  Component c{name, std::move(body), nullptr};
  c.actor = sg4::Actor::create(c.name, host_, c.body);
  components_.push_back(std::move(c));
}

void PlatformDurability::start() {
  start_journals();
  if (context_.options.journals.crash_at > 0)
    sg4::Actor::create("platform-crash", home_, [this] { crash_from_keys(); });
}

void PlatformDurability::start_journals() {
  for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) j->start(host_);
}

// durability.crash_at and durability.crash_for: one more outage of the
// platform host, placed by a key so that a sweep can move it.
void PlatformDurability::crash_from_keys() {
  sg4::this_actor::sleep_until(context_.options.journals.crash_at);
  ++faults_.counts.outages;
  crash(home_);
  sg4::this_actor::sleep_for(context_.options.journals.crash_for);
  restart(home_);
}

void PlatformDurability::task_repeated(IdempotencyKey key) {
  if (crash_keys_.erase(key) > 0) ++counts_.tasks_repeated;
}

void PlatformDurability::lease_granted(SubscriberId who, PoolId pool, Slot slot) {
  const std::uint64_t seq = leases_->append(record_bytes_, false);
  while (!grants_.empty() && leases_->log().is_durable(grants_.front().seq)) grants_.pop_front();
  if (!leases_->log().is_durable(seq)) grants_.push_back(LeaseRecord{seq, who, pool, slot});
}

// Under none, a journal's records are kept (oldest first) until a
// snapshot holds them, so that a crash can tell which changes it lost.
template <typename Record>
void PlatformDurability::keep_until_durable(const Journal& journal, std::deque<Record>& pending, Record record) {
  if (journal.mode() != CommitMode::kNone) return;
  while (!pending.empty() && journal.log().is_durable(pending.front().seq)) pending.pop_front();
  pending.push_back(std::move(record));
}

void PlatformDurability::binding_recorded(std::uint64_t seq) {
  const std::optional<BindingDesk::Change> change = platform_.bindings().take_change();
  if (change) keep_until_durable(*bindings_, binding_changes_, BindingRecord{seq, *change});
}

void PlatformDurability::batch_recorded(std::uint64_t record, const FeedBatch& batch) {
  keep_until_durable(*rating_, batches_, BatchRecord{record, batch});
}

bool PlatformDurability::rated_again(const FeedBatch& batch) {
  if (unsaved_.erase(batch) == 0) return false;
  counts_.events_rated_again += batch.events;
  // Rating has caught up with the crash (with the last one, if the next
  // came before it had).
  if (unsaved_.empty()) counts_.rated_again_after_s += now() - down_since_;
  return true;
}

BatchAck PlatformDurability::batch_ack(std::uint64_t record) const {
  return BatchAck{record, rating_->log().durable(), counts_.restarts};
}

// A feed numbers its events in the order it sends them, so a batch older
// than every lost one of its feed (kept by the feed, sent again before
// them) is in order.
bool PlatformDurability::behind_lost(const FeedBatch& batch) const {
  const auto oldest = unsaved_.lower_bound(FeedBatch{batch.bsp, 0, 0});
  return oldest != unsaved_.end() && oldest->bsp == batch.bsp && batch.first > oldest->first;
}

bool PlatformDurability::replay_first(const FeedBatch& batch, std::uint64_t feed_epoch) const {
  return feed_epoch < counts_.restarts && behind_lost(batch);
}

void PlatformDurability::rating_new(const FeedBatch& batch) {
  if (behind_lost(batch)) ++counts_.rated_ahead_of_lost;
}

BatchAck PlatformDurability::replay_first_ack() const {
  BatchAck ack = batch_ack(0);
  ack.replay_first = true;
  return ack;
}

std::uint64_t PlatformDurability::events_awaiting_replay() const {
  std::uint64_t n = 0;
  for (const FeedBatch& b : unsaved_) n += b.events;
  return n;
}

void PlatformDurability::billing_recorded(std::uint64_t seq, IdempotencyKey key) {
  keep_until_durable(*rating_, billing_changes_, BillingRecord{seq, key});
}

void PlatformDurability::lease_ended(SubscriberId) { leases_->append(record_bytes_, false); }

void PlatformDurability::flush_leases() { leases_->wake(); }

void PlatformDurability::crash(sg4::Host* host) {
  if (is_down(host)) return;
  hosts_down_.insert(host);
  faults_.host_down(host->get_name());
  if (host != host_) {  // the components do not run here: it stood by, caught up, or stayed idle
    ++spare_crashes_;
    if (host == standby_) {
      standby_ = nullptr;
      for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) j->stop_shipping();
    }
    return;
  }
  if (down_) return;
  down_ = true;
  awaiting_first_ = false;
  down_since_ = now();
  if (counts_.crashes++ == 0)
    counts_.duplicates_at_crash = static_cast<std::uint64_t>(platform_.rating().counters().duplicates);
  // A party that answers one of these again from its ledger repeats it
  // because of the crash (the answer was lost, or the manager timed it out).
  for (const IdempotencyKey& key : platform_.workflow().in_flight_keys()) crash_keys_.insert(key);
  counts_.orders_resumed += platform_.workflow().active_orders() + platform_.provisioning_queue().waiting.size();
  counts_.requests_in_flight += platform_.workflow().requests_in_flight();
  for (Component& c : components_) c.actor->kill();
  for (auto& a : adopted_) a->kill();
  adopted_.clear();
  if (rejoining_) {  // the spare host's catch-up dies with the host that shipped it
    catch_up_->kill();
    rejoining_ = false;
  }
  catch_up_ = nullptr;
  // The batches taken in and not yet rated were never acknowledged: their
  // feeds send them again.
  counts_.events_requeued += platform_.rating_backlog().count;
  platform_.rating_backlog().count = 0;
  counts_.records_lost += provisioning_->crash().records;
  const JournalLoss rating_loss = rating_->crash();
  lose_unsaved_batches(rating_loss);
  counts_.billing_lost += take_lost(rating_loss, billing_changes_, lost_billing_);
  counts_.bindings_lost += take_lost(bindings_->crash(), binding_changes_, lost_bindings_);
  counts_.leases_lost += take_lost(leases_->crash(), grants_, lost_grants_);
  start_drainers();
  if (standby_)
    sg4::Actor::create("platform-failover", standby_, [this, host, by = standby_, crash = counts_.crashes] {
      sg4::this_actor::sleep_for(detection_);
      if (crash == counts_.crashes && standby_ == by && down_ && is_down(host) && !recovering_) take_over();
    });
}

// The rating journal under none: the batches rated since the last
// snapshot are lost (each once, however often it is lost); their feeds
// still hold them and send them again when they hear of the restart.
void PlatformDurability::lose_unsaved_batches(const JournalLoss& loss) {
  for (const BatchRecord& r : batches_)
    if (loss.records > 0 && r.seq >= loss.first && unsaved_.insert(r.batch).second)
      counts_.events_unsaved += r.batch.events;
  batches_.clear();
}

// The crash of a journal whose records the durability keeps while they are
// not durable (`pending`, oldest first): those it lost join `lost`.
template <typename Record>
std::uint64_t PlatformDurability::take_lost(const JournalLoss& loss, std::deque<Record>& pending,
                                            std::vector<Record>& lost) {
  counts_.records_lost += loss.records;
  std::uint64_t taken = 0;
  for (const Record& r : pending)
    if (loss.records > 0 && r.seq >= loss.first) {
      lost.push_back(r);
      ++taken;
    }
  pending.clear();
  return taken;
}

void PlatformDurability::start_drainers() {
  auto dropped = [this] {
    ++counts_.dropped_messages;
    ++faults_.counts.dropped_by_outage;
  };
  drainers_.push_back(
      drainer("down-qualification", host_, context_.qualification_box(), [dropped](QualifyCall) { dropped(); }));
  drainers_.push_back(drainer("down-provisioning", host_, context_.intake_box(), [this, dropped](IntakeMessage m) {
    dropped();
    // A platform-internal order that never reached the manager was never
    // submitted: its subscriber may churn or change again.
    if (auto* internal = std::get_if<InternalOrder>(&m)) platform_.lifecycle().on_lost(internal->order);
  }));
  drainers_.push_back(drainer("down-rating", host_, context_.rating_box(), [dropped](BatchCall) { dropped(); }));
  const ProviderId none;
  drainers_.push_back(drainer("down-addresses", host_, context_.party_box(AdapterKind::kAddress, none),
                              [dropped](TaskCall) { dropped(); }));
  drainers_.push_back(drainer("down-billing", host_, context_.party_box(AdapterKind::kBilling, none),
                              [dropped](TaskCall) { dropped(); }));
}

void PlatformDurability::restart(sg4::Host* host) {
  if (!is_down(host)) return;
  hosts_down_.erase(host);
  if (host != host_ || recovering_) {  // the components run elsewhere, or the standby is replaying
    faults_.host_up(host->get_name(), now());
    rejoin();
    return;
  }
  if (!down_) return;
  recovering_ = true;
  sg4::Actor::create("platform-recovery", host_, [this] { recover(host_); });
}

// Runs on the standby host once the detection delay has passed with the
// host the components ran on still down.
void PlatformDurability::take_over() {
  recovering_ = true;
  sg4::Host* by = std::exchange(standby_, nullptr);
  for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) j->take_over();
  recover(by);
}

void PlatformDurability::recover(sg4::Host* on) {
  // The journals share the disk: they are read one after the other.
  for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) counts_.replay_s += j->replay();
  for (auto& d : drainers_) d->kill();
  drainers_.clear();
  const double t = now();
  if (on != host_) {  // a takeover: the host it replaces stays down until its outage ends
    host_ = on;
    ++counts_.failovers;
  } else {
    faults_.host_up(host_->get_name(), t);
  }
  down_ = false;
  recovering_ = false;
  counts_.downtime_s += t - down_since_;
  ++counts_.restarts;
  probation_for_lost_leases(t);
  reconcile_lost_bindings(t);
  reconcile_lost_billing();
  start_journals();
  // The recovery ends when the manager or the rating engine handles its
  // first change again.
  awaiting_first_ = true;
  const auto first_change = [this] {
    if (!awaiting_first_) return;
    awaiting_first_ = false;
    counts_.time_to_recover_s += now() - down_since_;
  };
  provisioning_->on_next_append(first_change);
  rating_->on_next_append(first_change);
  for (Component& c : components_) c.actor = sg4::Actor::create(c.name, host_, c.body);
  if (is_down(host_)) {  // the standby went down while it replayed: it crashes at once
    hosts_down_.erase(host_);
    crash(host_);
    return;
  }
  rejoin();
}

sg4::Host* PlatformDurability::spare() const {
  if (!pair_) return nullptr;
  sg4::Host* other = host_ == home_ ? pair_ : home_;
  return other == standby_ ? nullptr : other;
}

// The host the components left (or a standby that was down) is back: it
// stands by again. With a shared disk it reads the same journals at a
// takeover, so it stands by at once; a replicated copy must first hold
// what a replay reads, shipped from the host that runs the components.
void PlatformDurability::rejoin() {
  sg4::Host* host = spare();
  if (!host || is_down(host) || down_ || recovering_ || rejoining_) return;
  if (failover_ == Failover::kShared) {
    standby_ = host;
    ++counts_.rejoins;
    return;
  }
  rejoining_ = true;
  catch_up_ = sg4::Actor::create("platform-catch-up", host_, [this, host, crashes = spare_crashes_] {
    double bytes = 0;
    for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) bytes += j->catch_up();
    counts_.catch_up_bytes += bytes;
    rejoining_ = false;
    if (crashes == spare_crashes_ && !is_down(host)) {
      standby_ = host;
      ++counts_.rejoins;
      return;
    }
    // It went down while catching up: it catches up again once it is back.
    for (auto* j : {provisioning_.get(), rating_.get(), bindings_.get(), leases_.get()}) j->stop_shipping();
    rejoin();
  });
}

// The server no longer knows the leases it granted after its last durable
// record; their clients may still use the addresses, so none of them is
// handed out again before those clients' next renewal has been refused.
void PlatformDurability::probation_for_lost_leases(double t) {
  platform_.sessions().catch_up(t);
  for (const LeaseRecord& r : lost_grants_) {
    const auto held = platform_.addresses().lease_of(r.who);
    if (held && held->first == r.pool && held->second == r.slot &&
        platform_.address_port().forget(r.who, t, lease_probation_))
      ++counts_.leases_on_probation;
  }
  lost_grants_.clear();
}

// The restarted address server knows the bindings of its snapshot, not
// the changes made after it (bindings under none). It checks each lost one
// against the provisioning manager, newest first: a change whose outcome
// the manager has taken in (its order went on) is put back, so server and
// manager agree; one the manager still waits for is taken back, ledger
// entry and all, and the manager's retry carries it out again.
void PlatformDurability::reconcile_lost_bindings(double t) {
  for (auto it = lost_bindings_.rbegin(); it != lost_bindings_.rend(); ++it) {
    if (platform_.workflow().settled(it->change.key)) {
      ++counts_.bindings_restored;
      continue;
    }
    platform_.bindings().undo(it->change, t);
    ++counts_.bindings_undone;
  }
  lost_bindings_.clear();
}

// The restarted billing knows the accounts of its snapshot (rating under
// none). A lost change whose outcome the manager has taken in is put back
// from the manager's word; one the manager still waits for is carried out
// again by its retry. The simulation kept billing's state through the
// crash, so either way the account ends as it was, the change dated when
// it was first made (as an order's effective date would date it).
void PlatformDurability::reconcile_lost_billing() {
  for (const BillingRecord& r : lost_billing_)
    ++(platform_.workflow().settled(r.key) ? counts_.billing_restored : counts_.billing_redone);
  lost_billing_.clear();
}

}  // namespace provsim::sim
