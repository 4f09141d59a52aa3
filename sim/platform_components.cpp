#include "sim/platform_components.hpp"

#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/rating_pipeline.hpp"

namespace provsim::sim {
namespace {

// The reference engine, on a second thread when the run may use one and
// nothing needs its answers as they come (a harness, the journals).
std::unique_ptr<RatingPort> make_rating_port(RatingEngine& engine, RatedEventLog& records, const Backends& backends,
                                             bool durability) {
  if (backends.rating != nullptr) return backends.rating->make(engine, records);
  auto reference = std::make_unique<ReferenceRating>(engine);
  if (backends.threads < 2 || durability) return reference;
  return std::make_unique<PipelinedRating>(std::move(reference));
}

}  // namespace

PlatformComponents::PlatformComponents(const Scenario& s, RatedEventLog& rated_log, Backends backends)
    : workflow_rng_(Rng::stream(s.seed, "workflow")),
      workflow_(s.catalog, s.options.workflow, workflow_rng_),
      qualification_(s.catalog, s.network.tiers, s.options.qualification.token_validity),
      rating_(s.catalog, s.rating->book, s.options.rating),
      rating_port_(make_rating_port(rating_, rated_log, backends, s.options.durability)),
      addresses_(s.addresses, s.options.addresses.server, Rng::stream(s.seed, "addresses")),
      address_port_(addresses_, backends.address != nullptr ? backends.address->make(addresses_) : nullptr),
      bindings_(address_port_),
      billing_(s.catalog, *rating_port_) {
  provisioning_port_ = backends.provisioning != nullptr ? backends.provisioning->make(workflow_)
                                                        : std::make_unique<ReferenceProvisioning>(workflow_);
  rating_.set_observer(rating_port_->reference_observer(&rated_log));
}

PlatformComponents::~PlatformComponents() {
  rating_port_.reset();  // first: a rating thread may still be telling the observer
  rating_.set_observer(nullptr);
}

void PlatformComponents::attach(std::unique_ptr<SessionDriver> sessions,
                                std::unique_ptr<SubscriberLifecycle> lifecycle) {
  sessions_ = std::move(sessions);
  lifecycle_ = std::move(lifecycle);
  bindings_.connect(*sessions_);
}

void PlatformComponents::attach_durability(std::unique_ptr<PlatformDurability> durability) {
  durability_ = std::move(durability);
}

std::vector<OfferingId> PlatformComponents::billed_items(SubscriberId who) const {
  std::vector<OfferingId> items;
  if (const SubscriberState* s = workflow_.store().find(who)) {
    if (s->access_tier.valid()) items.push_back(s->access_tier);
    items.insert(items.end(), s->isp_services.begin(), s->isp_services.end());
    items.insert(items.end(), s->bsp_entitlements.begin(), s->bsp_entitlements.end());
  }
  return items;
}

}  // namespace provsim::sim
