#include "sut/http/json_fields.hpp"

#include <cmath>

namespace provsim::sut {

const Json& field(const Json& j, const char* name) {
  if (!j.is_object()) throw ProtocolError(std::string("expected an object holding '") + name + "'");
  const auto it = j.find(name);
  if (it == j.end()) throw ProtocolError(std::string("field '") + name + "' is missing");
  return *it;
}

double number(const Json& j, const char* name) {
  const Json& f = field(j, name);
  if (!f.is_number()) throw ProtocolError(std::string("field '") + name + "': not a number");
  const double v = f.get<double>();
  if (!std::isfinite(v)) throw ProtocolError(std::string("field '") + name + "': not finite");
  return v;
}

std::uint64_t count(const Json& j, const char* name) {
  const Json& f = field(j, name);
  if (!f.is_number_unsigned()) throw ProtocolError(std::string("field '") + name + "': not a count");
  return f.get<std::uint64_t>();
}

std::string text(const Json& j, const char* name) {
  const Json& f = field(j, name);
  if (!f.is_string()) throw ProtocolError(std::string("field '") + name + "': not a string");
  return f.get<std::string>();
}

Money money(const Json& j, const char* name) {
  try {
    return Money::parse(text(j, name));
  } catch (const std::exception&) {  // not a decimal, or beyond 64 bits
    throw ProtocolError(std::string("field '") + name + "': not a decimal amount");
  }
}

bool flag(const Json& j, const char* name) {
  const Json& f = field(j, name);
  if (!f.is_boolean()) throw ProtocolError(std::string("field '") + name + "': not true or false");
  return f.get<bool>();
}

const Json& list(const Json& j, const char* name) {
  const Json& f = field(j, name);
  if (!f.is_array()) throw ProtocolError(std::string("field '") + name + "': not an array");
  return f;
}

double simulated_now(const Json& request) {
  const double now = number(request, "now");
  if (now < 0) throw ProtocolError("field 'now': negative");
  return now;
}

}  // namespace provsim::sut
