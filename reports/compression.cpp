#include "reports/compression.hpp"

#include <zlib.h>
#include <zstd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace provsim::reports {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kTextBuffer = std::size_t{1} << 18;  // text handed to the encoder at a time
constexpr int kGzipLevel = 1;
constexpr int kZstdLevel = 3;

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

Compression compression_named(std::string_view name) {
  if (name == "none") return Compression::none;
  if (name == "gzip") return Compression::gzip;
  if (name == "zstd") return Compression::zstd;
  throw std::invalid_argument("unknown compression '" + std::string(name) + "' (none, gzip or zstd)");
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::none: break;
  }
  return "none";
}

std::string_view table_suffix(Compression c) {
  switch (c) {
    case Compression::gzip: return ".csv.gz";
    case Compression::zstd: return ".csv.zst";
    case Compression::none: break;
  }
  return ".csv";
}

std::optional<Compression> table_compression(std::string_view file_name) {
  for (Compression c : {Compression::gzip, Compression::zstd, Compression::none})
    if (ends_with(file_name, table_suffix(c)) && file_name.size() > table_suffix(c).size()) return c;
  return std::nullopt;
}

std::optional<fs::path> find_table_file(const fs::path& dir, const std::string& name) {
  for (Compression c : {Compression::none, Compression::gzip, Compression::zstd}) {
    const fs::path file = dir / (name + std::string(table_suffix(c)));
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) return file;
  }
  return std::nullopt;
}

namespace {

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string gunzip(const std::string& packed, const fs::path& file) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("zlib: cannot start inflating");
  std::string text;
  std::array<char, 1 << 16> out{};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    text.append(out.data(), out.size() - z.avail_out);
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) break;  // truncated
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || z.avail_in != 0)
    throw std::invalid_argument(file.string() + ": not a complete gzip file");
  return text;
}

std::string unzstd(const std::string& packed, const fs::path& file) {
  ZSTD_DCtx* d = ZSTD_createDCtx();
  if (d == nullptr) throw std::runtime_error("zstd: cannot start decompressing");
  std::string text;
  std::vector<char> out(ZSTD_DStreamOutSize());
  ZSTD_inBuffer in{packed.data(), packed.size(), 0};
  std::size_t rc = 1;
  bool bad = false;
  while (in.pos < in.size || rc != 0) {
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    const std::size_t before = in.pos;
    rc = ZSTD_decompressStream(d, &o, &in);
    if (ZSTD_isError(rc)) {
      bad = true;
      break;
    }
    text.append(out.data(), o.pos);
    if (in.pos == before && o.pos == 0) {  // no progress: the frame is cut short
      bad = rc != 0;
      break;
    }
  }
  ZSTD_freeDCtx(d);
  if (bad || packed.empty()) throw std::invalid_argument(file.string() + ": not a complete zstd file");
  return text;
}

}  // namespace

std::string read_table_file(const fs::path& file) {
  const std::string bytes = read_bytes(file);
  switch (table_compression(file.filename().string()).value_or(Compression::none)) {
    case Compression::gzip: return gunzip(bytes, file);
    case Compression::zstd: return unzstd(bytes, file);
    case Compression::none: break;
  }
  return bytes;
}

// ---------------------------------------------------------------- writing

// Turns text into compressed bytes, handed to `sink` as they come.
class CompressedFile::Encoder {
 public:
  virtual ~Encoder() = default;
  // Compresses `n` bytes; with `last`, ends the stream.
  virtual void put(const char* data, std::size_t n, bool last, CompressedFile& sink) = 0;
};

namespace {

class PlainEncoder : public CompressedFile::Encoder {
 public:
  void put(const char* data, std::size_t n, bool, CompressedFile& sink) override;
};

class GzipEncoder : public CompressedFile::Encoder {
 public:
  GzipEncoder() {
    // windowBits 15 + 16: a gzip wrapper, whose header zlib writes with no
    // time and no name, so equal text gives equal bytes.
    if (deflateInit2(&z_, kGzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("zlib: cannot start deflating");
  }
  ~GzipEncoder() override { deflateEnd(&z_); }
  void put(const char* data, std::size_t n, bool last, CompressedFile& sink) override;

 private:
  z_stream z_{};
};

class ZstdEncoder : public CompressedFile::Encoder {
 public:
  ZstdEncoder() : c_(ZSTD_createCCtx()) {
    if (c_ == nullptr) throw std::runtime_error("zstd: cannot start compressing");
    ZSTD_CCtx_setParameter(c_, ZSTD_c_compressionLevel, kZstdLevel);
    ZSTD_CCtx_setParameter(c_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdEncoder() override { ZSTD_freeCCtx(c_); }
  void put(const char* data, std::size_t n, bool last, CompressedFile& sink) override;

 private:
  ZSTD_CCtx* c_;
};

}  // namespace

namespace {

void PlainEncoder::put(const char* data, std::size_t n, bool, CompressedFile& sink) {
  sink.write_out(data, n);
}

void GzipEncoder::put(const char* data, std::size_t n, bool last, CompressedFile& sink) {
  std::array<char, 1 << 16> out{};
  z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z_.avail_in = static_cast<uInt>(n);
  const int flush = last ? Z_FINISH : Z_NO_FLUSH;
  int rc = Z_OK;
  do {
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    rc = deflate(&z_, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
    sink.write_out(out.data(), out.size() - z_.avail_out);
  } while (z_.avail_out == 0 || (last && rc != Z_STREAM_END));
}

void ZstdEncoder::put(const char* data, std::size_t n, bool last, CompressedFile& sink) {
  std::vector<char> out(ZSTD_CStreamOutSize());
  ZSTD_inBuffer in{data, n, 0};
  const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
  while (true) {
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    const std::size_t left = ZSTD_compressStream2(c_, &o, &in, mode);
    if (ZSTD_isError(left)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(left));
    sink.write_out(out.data(), o.pos);
    if (last ? left == 0 : in.pos == in.size) break;
  }
}

std::unique_ptr<CompressedFile::Encoder> encoder_for(Compression c) {
  switch (c) {
    case Compression::gzip: return std::make_unique<GzipEncoder>();
    case Compression::zstd: return std::make_unique<ZstdEncoder>();
    case Compression::none: break;
  }
  return std::make_unique<PlainEncoder>();
}

}  // namespace

CompressedFile::Buffer::Buffer(CompressedFile& owner) : owner_(owner), text_(kTextBuffer) {
  setp(text_.data(), text_.data() + text_.size());
}

void CompressedFile::Buffer::drain(bool last) {
  const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
  owner_.encoder_->put(pbase(), n, last, owner_);
  setp(text_.data(), text_.data() + text_.size());
}

CompressedFile::Buffer::int_type CompressedFile::Buffer::overflow(int_type c) {
  drain(false);
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize CompressedFile::Buffer::xsputn(const char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    if (pptr() == epptr()) drain(false);
    const std::streamsize room = epptr() - pptr();
    const std::streamsize k = std::min(room, n - done);
    std::memcpy(pptr(), s + done, static_cast<std::size_t>(k));
    pbump(static_cast<int>(k));
    done += k;
  }
  return done;
}

CompressedFile::CompressedFile(const fs::path& file, Compression c)
    : path_(file), encoder_(encoder_for(c)), buffer_(*this), stream_(&buffer_) {
  file_ = std::fopen(file.c_str(), "wb");
  if (file_ == nullptr) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

CompressedFile::~CompressedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CompressedFile::write_out(const char* data, std::size_t n) {
  if (n > 0 && std::fwrite(data, 1, n, file_) != n) failed_ = true;
}

void CompressedFile::finish() {
  if (finished_) return;
  finished_ = true;
  buffer_.drain(true);
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (failed_ || !closed || !stream_) throw std::runtime_error("cannot write " + path_.string());
}

}  // namespace provsim::reports
