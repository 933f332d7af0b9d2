#include "sim/kernel/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::sim {
namespace {

// What a non-regular file is, for the message.
const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

struct Descriptor {
  int fd;
  ~Descriptor() { ::close(fd); }
};

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::string_view noun) {
  auto fail = [&](const std::string& reason) {
    return InputError(path.string(), fmt::format("cannot read the {}: {}", noun, reason));
  };
  auto system_reason = [&](int error) -> std::string {
    if (error != ENOENT && error != ENOTDIR) return std::strerror(error);
    // Paths written in a scenario or sweep file were made absolute against its folder when it
    // was loaded; a path still relative here (the command line, --set) is the process's.
    std::error_code ec;
    if (path.is_relative()) {
      return "no such file (a relative path is read from the current directory " +
             std::filesystem::current_path(ec).string() + ")";
    }
    return "no such file";
  };
  // O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw fail(system_reason(errno));
  const Descriptor open_file{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw fail(system_reason(errno));
  if (!S_ISREG(st.st_mode))
    throw fail(fmt::format("it is {}, not a regular file", file_kind(st.st_mode)));
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw fail(system_reason(errno));
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

}  // namespace commsim::sim
