#pragma once
// Result tables written compressed as they are produced (a month of ten
// million subscribers writes gigabytes of invoices), and read back whatever
// way they were written.
//
// gzip (zlib, level 1: the fastest, about 3x on these tables) and zstd
// (level 3, its default: faster than gzip's fastest and smaller than its
// best). Both are single frames whose bytes depend only on the text: the
// gzip header carries no time or file name, so the same run gives the same
// compressed bytes. pandas and R read `x.csv.gz` and `x.csv.zst` as they
// are (pandas needs the zstandard module for the latter).

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace provsim::reports {

enum class Compression { none, gzip, zstd };

// "none", "gzip", "zstd"; throws std::invalid_argument for anything else.
Compression compression_named(std::string_view name);
std::string_view compression_name(Compression c);

// A table's file name ends in this: ".csv", ".csv.gz", ".csv.zst".
std::string_view table_suffix(Compression c);

// The name's suffix says how a file is compressed; nullopt if the name is
// not a table's (does not end in one of the suffixes above).
std::optional<Compression> table_compression(std::string_view file_name);

// The table file `name` in `dir`, whichever way it was written; nullopt if
// there is none.
std::optional<std::filesystem::path> find_table_file(const std::filesystem::path& dir, const std::string& name);

// The whole text of a table file, decompressed by its suffix. Throws
// std::invalid_argument naming the file if it cannot be read or is corrupt.
std::string read_table_file(const std::filesystem::path& file);

// An output file compressed while it is written: write through stream(),
// then finish(), which flushes the last block and throws std::runtime_error
// naming the file on any failure (the destructor of an unfinished file only
// closes it).
class CompressedFile {
 public:
  CompressedFile(const std::filesystem::path& file, Compression c);
  ~CompressedFile();
  CompressedFile(const CompressedFile&) = delete;
  CompressedFile& operator=(const CompressedFile&) = delete;

  std::ostream& stream() { return stream_; }
  void finish();
  // Compressed bytes to the file (the encoders' way out).
  void write_out(const char* data, std::size_t n);

  class Encoder;  // zlib's or zstd's stream, or none

 private:
  class Buffer : public std::streambuf {
   public:
    explicit Buffer(CompressedFile& owner);
    void drain(bool last);  // hands the buffered text to the encoder

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

   private:
    CompressedFile& owner_;
    std::vector<char> text_;
  };

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Encoder> encoder_;
  Buffer buffer_;
  std::ostream stream_;
  bool failed_ = false;
  bool finished_ = false;
};

}  // namespace provsim::reports
