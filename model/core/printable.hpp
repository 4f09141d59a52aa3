#pragma once
// Text from the user's files or paths shown in an error line: control
// characters (a newline in a quoted CSV cell or a folder name, an escape
// sequence) are written as \n, \r, \t or \xHH, so the message stays one
// line and cannot drive the terminal.

#include <cstdio>
#include <string>
#include <string_view>

namespace provsim {

inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace provsim
