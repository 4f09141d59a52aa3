#include "sim/scenario/input_file.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "sim/scenario/input_error.hpp"

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;

const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block:
    case fs::file_type::character: return "a device";
    default: return "not a regular file";
  }
}

// Everything but the NUL bytes.
void check_file_kind(const fs::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    if (fs::is_symlink(fs::symlink_status(path, ec))) throw InputError(file, 0, "", "a link to nothing");
    throw InputError(file, 0, "", "file not found");
  }
  if (ec) throw InputError(file, 0, "", "cannot be read: " + ec.message());
  if (status.type() != fs::file_type::regular)
    throw InputError(file, 0, "", std::string(kind_of(status.type())) + ", not a regular file");
}

// Throws at the first NUL byte of `text`, which starts on line `line`;
// returns the line `text` ends on.
unsigned check_no_nul(const std::string& file, std::string_view text, unsigned line) {
  for (const char c : text) {
    if (c == '\n') ++line;
    if (c == '\0') throw InputError(file, line, "", "a NUL byte: not a text file");
  }
  return line;
}

}  // namespace

void check_input_file(const fs::path& path) {
  check_file_kind(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "", "cannot be read");
  char buffer[1 << 16];
  unsigned line = 1;
  while (in) {
    in.read(buffer, sizeof buffer);
    line = check_no_nul(path.string(), std::string_view(buffer, static_cast<std::size_t>(in.gcount())), line);
  }
}

std::string read_input_file(const fs::path& path) {
  check_file_kind(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "", "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  std::string out = text.str();
  check_input_text(path.string(), out);
  return out;
}

void check_input_text(const std::string& file, std::string_view text) { check_no_nul(file, text, 1); }

bool input_present(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

}  // namespace provsim::sim
