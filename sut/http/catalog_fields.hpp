#pragma once
// Reading the scenario's codes from a message: a provider, an offering or
// a plan named by its code in providers.csv, offerings.csv or plans.csv.
// An unknown code throws ProtocolError naming the field.

#include "model/catalog/catalog.hpp"
#include "sut/http/json_fields.hpp"

namespace provsim::sut {

ProviderId provider_field(const Catalog& catalog, const Json& j, const char* name);
OfferingId offering_field(const Catalog& catalog, const Json& j, const char* name);
PlanId plan_field(const Catalog& catalog, const Json& j, const char* name);

}  // namespace provsim::sut
