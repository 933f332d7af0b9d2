#include "analysis/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/kernel/errors.hpp"

#include <unistd.h>

namespace commsim::analysis {

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  tmp_ = path_;
  tmp_ += ".tmp";
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) throw EnvironmentError("cannot write " + tmp_.string() + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

void AtomicFile::write(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    throw EnvironmentError("cannot write " + tmp_.string() + ": " + std::strerror(errno));
  }
}

void AtomicFile::flush() {
  std::fflush(file_);
}

void AtomicFile::commit() {
  if (committed_) return;
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
    throw EnvironmentError("cannot flush " + tmp_.string() + ": " + std::strerror(errno));
  }
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) throw EnvironmentError("cannot rename " + tmp_.string() + " into place: " + ec.message());
  committed_ = true;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view text) {
  AtomicFile f(path);
  f.write(text);
  f.commit();
}

}  // namespace commsim::analysis
