#pragma once
// Every file a scenario is read from passes this check first: it must be a
// regular file (a FIFO, device or folder named like a table would block the
// reader or mean nothing) and hold no NUL byte (which the line readers would
// silently take as the end of a line). Problems are InputErrors naming the
// file and, for a NUL byte, its line.

#include <filesystem>
#include <string>
#include <string_view>

namespace provsim::sim {

void check_input_file(const std::filesystem::path& path);

// The same checks, and the file's whole text.
std::string read_input_file(const std::filesystem::path& path);

// The NUL-byte check alone, for a text already in memory, named `file`.
void check_input_text(const std::string& file, std::string_view text);

// Whether an optional table is there at all (anything under that name,
// even a broken link, counts: reading it then says what is wrong).
bool input_present(const std::filesystem::path& path);

}  // namespace provsim::sim
