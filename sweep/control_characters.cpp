#include "sweep/control_characters.hpp"

#include <cstdio>

namespace provsim::sweep {

namespace {

bool control(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b < 0x20 || b == 0x7f;
}

std::string hex(char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
  return buf;
}

}  // namespace

bool has_control_character(std::string_view text) {
  for (char c : text)
    if (control(c)) return true;
  return false;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) out += control(c) ? hex(c) : std::string(1, c);
  return out;
}

std::string control_character_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (control(text[i]))
      return "holds a control character (" + hex(text[i]) + " at byte " + std::to_string(i) + "): '" + printable(text) +
             "'";
  return {};
}

}  // namespace provsim::sweep
