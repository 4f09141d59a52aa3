#pragma once
// Identifier of an address pool inside one AddressServer (a dense index).

#include "model/core/strong_id.hpp"

namespace provsim {

struct PoolTag {};
using PoolId = StrongId<PoolTag, std::uint16_t>;

}  // namespace provsim
