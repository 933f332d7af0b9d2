#pragma once
/// \file
/// Error messages are one terminal line whatever the user typed: control characters (newlines,
/// ANSI escapes, NUL) are shown escaped, and a very long word (a key, a value, a path) is
/// shortened around "…" so the line stays readable. Header-only because `errors.hpp` is.

#include <cstddef>
#include <string>
#include <string_view>

namespace commsim::sim {

inline constexpr std::size_t kLongestShownWord = 160;
inline constexpr std::size_t kLongestShownMessage = 2000;

namespace detail {

/// Moves `i` back to the start of a UTF-8 character so that a cut never splits one.
inline std::size_t utf8_boundary(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

inline void append_escaped(std::string& out, char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto u = static_cast<unsigned char>(c);
  if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c == '\t') {
    out += "\\t";
  } else if (u < 0x20 || u == 0x7f) {
    out += "\\x";
    out += kHex[u >> 4];
    out += kHex[u & 0xF];
  } else {
    out += c;
  }
}

inline void append_word(std::string& out, std::string_view word) {
  if (word.size() > kLongestShownWord) {
    const std::size_t head = utf8_boundary(word, kLongestShownWord * 2 / 3);
    const std::size_t tail = utf8_boundary(word, word.size() - kLongestShownWord / 4);
    for (char c : word.substr(0, head)) append_escaped(out, c);
    out += "…";
    for (char c : word.substr(tail)) append_escaped(out, c);
    return;
  }
  for (char c : word) append_escaped(out, c);
}

}  // namespace detail

/// `text` as one printable line: control characters escaped (`\n`, `\x1b`, `\x00`), words
/// longer than kLongestShownWord bytes shortened to their head and tail, and the whole line
/// capped at kLongestShownMessage bytes.
inline std::string printable_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    detail::append_word(out, text.substr(start, end - start));
    if (end < text.size()) out += ' ';
    start = end + 1;
  }
  if (out.size() > kLongestShownMessage) {
    out.resize(detail::utf8_boundary(out, kLongestShownMessage));
    out += "…";
  }
  return out;
}

}  // namespace commsim::sim
