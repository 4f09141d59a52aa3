#pragma once
// Reads back the CSV that csv_writer.hpp writes (RFC 4180: quoted cells may
// hold commas, doubled quotes and line breaks; lines end with "\n" or
// "\r\n"). Returns the rows as text, the header first.

#include <string>
#include <string_view>
#include <vector>

namespace provsim::reports {

// Throws std::invalid_argument on an unterminated quote or text after a
// closing quote (`what` names the file in the message).
std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& what);

}  // namespace provsim::reports
