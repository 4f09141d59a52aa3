#include "sim/scenario/input_file.hpp"

#include <fstream>
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

}  // namespace

void check_input_file(const fs::path& path) {
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
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(file, 0, "", "cannot be read");
  char buffer[1 << 16];
  unsigned line = 1;
  while (in) {
    in.read(buffer, sizeof buffer);
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      if (buffer[i] == '\n') ++line;
      if (buffer[i] == '\0') throw InputError(file, line, "", "a NUL byte: not a text file");
    }
  }
}

bool input_present(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

}  // namespace provsim::sim
