#include "sim/platform_components.hpp"

#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/durability/platform_durability.hpp"

namespace provsim::sim {

PlatformComponents::PlatformComponents(const Scenario& s, RatedEventLog& rated_log, Backends backends)
    : scenario_(s),
      workflow_rng_(Rng::stream(s.seed, "workflow")),
      workflow_(s.catalog, s.options.workflow, workflow_rng_),
      rating_(s.catalog, s.rating->book, s.options.rating),
      rating_port_(backends.rating != nullptr ? backends.rating->make(rating_, rated_log)
                                              : std::make_unique<ReferenceRating>(rating_)),
      addresses_(s.addresses, s.options.addresses.server, Rng::stream(s.seed, "addresses")),
      address_port_(addresses_, backends.address != nullptr ? backends.address->make(addresses_) : nullptr) {
  provisioning_port_ = backends.provisioning != nullptr ? backends.provisioning->make(workflow_)
                                                        : std::make_unique<ReferenceProvisioning>(workflow_);
  rating_.set_observer(rating_port_->reference_observer(&rated_log));
}

PlatformComponents::~PlatformComponents() { rating_.set_observer(nullptr); }

void PlatformComponents::connect_serviceability(const ServiceabilityDb& np) {
  qualification_ = std::make_unique<QualificationService>(scenario_.catalog, np, scenario_.network.tiers,
                                                          scenario_.options.qualification.token_validity);
}

void PlatformComponents::attach(std::unique_ptr<SessionDriver> sessions,
                                std::unique_ptr<SubscriberLifecycle> lifecycle) {
  sessions_ = std::move(sessions);
  lifecycle_ = std::move(lifecycle);
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
