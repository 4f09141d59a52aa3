#pragma once
// Reading the harness protocols' JSON: every field read checks its type
// and range and throws ProtocolError naming the field, so a malformed
// message from a system under test becomes a verdict, not a crash. Shared
// by every component's wire format and server.

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/money/money.hpp"

namespace provsim::sut {

using Json = nlohmann::json;

struct ProtocolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Json& field(const Json& j, const char* name);
double number(const Json& j, const char* name);
std::uint64_t count(const Json& j, const char* name);
std::string text(const Json& j, const char* name);
Money money(const Json& j, const char* name);
bool flag(const Json& j, const char* name);
const Json& list(const Json& j, const char* name);  // an array
// The request's simulated time, `now`: a finite number, not negative.
double simulated_now(const Json& request);

// The index of the text field `name` among `names`; ProtocolError for a
// value that is not one of them.
template <std::size_t N>
std::size_t pick(const Json& j, const char* name, const std::array<const char*, N>& names) {
  const std::string value = text(j, name);
  for (std::size_t i = 0; i < N; ++i)
    if (value == names[i]) return i;
  throw ProtocolError(std::string("field '") + name + "': unknown value '" + value + "'");
}

}  // namespace provsim::sut
