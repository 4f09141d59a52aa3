#pragma once
// Names that end up in generated shell scripts, #SBATCH lines and job lists
// (file and folder names, grid keys and values, --set values, site
// options) must not hold control characters: a newline would start a new
// command, a carriage return hides text on a terminal. They are refused where
// they come in, with the offending byte shown escaped, never printed raw.

#include <string>
#include <string_view>

namespace provsim::sweep {

// True if the text has a byte below 0x20 or 0x7f (DEL).
bool has_control_character(std::string_view text);

// The text with each control byte written as \xNN, for error messages.
std::string printable(std::string_view text);

// "holds a control character (\x0A at byte 5): '<printable>'" if it does,
// else empty.
std::string control_character_problem(std::string_view text);

}  // namespace provsim::sweep
