#include "analysis/results/sweep_lock.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include "sim/kernel/errors.hpp"

namespace commsim::analysis {
namespace fs = std::filesystem;

namespace {

// The holder writes its pid right after taking the lock: a refused process that reads the
// file in between sees it empty, so it looks again for a moment.
std::string holder_pid(int fd) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) return text;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "unknown";
}

}  // namespace

SweepDirLock::SweepDirLock(const fs::path& dir) {
  const std::string where = "--out " + dir.string();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec == std::errc::not_a_directory || ec == std::errc::file_exists)
    throw ConfigError(where, "cannot create the directory: " + ec.message());
  if (ec) throw EnvironmentError(where + ": cannot create the directory: " + ec.message());
  const fs::path file = dir / kSweepLockFile;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw EnvironmentError(fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string pid = error == EWOULDBLOCK ? holder_pid(fd_) : std::string();
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) {
      throw ConfigError(where, fmt::format("another commsim (pid {}) is writing this sweep "
                                           "directory; wait for it to end or use another --out",
                                           pid));
    }
    throw EnvironmentError(fmt::format("cannot lock {}: {}", file.string(), std::strerror(error)));
  }
  // The pid is for messages only: a full disk that keeps it out is reported by the next write.
  const std::string pid = fmt::format("{}\n", ::getpid());
  [[maybe_unused]] const bool written =
      ::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) > 0;
}

SweepDirLock::~SweepDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace commsim::analysis
