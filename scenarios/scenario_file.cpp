#include "scenarios/scenario_file.hpp"

#include <charconv>
#include <set>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"
#include "sim/kernel/input_file.hpp"

namespace commsim::scenario {

namespace {

// "line:column" (1-based) of byte `offset` of `text`.
std::string line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

// nlohmann keeps the last of duplicate keys silently; a parse callback sees every key with the
// path of the object it is in, so a repeated key is refused by its JSON path instead.
class DuplicateKeyCheck {
 public:
  DuplicateKeyCheck(std::string base_path, std::string origin,
                    std::vector<std::string>* key_paths = nullptr)
      : base_path_(std::move(base_path)), origin_(std::move(origin)), key_paths_(key_paths) {}

  bool operator()(int /*depth*/, sim::Json::parse_event_t event, const sim::Json& parsed) {
    using Event = sim::Json::parse_event_t;
    switch (event) {
      case Event::object_start: frames_.push_back(Frame{true, {}, {}, 0}); break;
      case Event::array_start: frames_.push_back(Frame{false, {}, {}, 0}); break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Event::value: element_done(); break;
      case Event::key: on_key(parsed.get<std::string>()); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string, std::less<>> keys;
    std::string key;  ///< the key whose value is being read
    std::size_t index;
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  // The JSON path of `key` in the innermost object.
  std::string path_of(const std::string& key) const {
    std::string path = base_path_;
    for (std::size_t f = 0; f + 1 < frames_.size(); ++f) {
      if (frames_[f].object)
        path = sim::join_path(path, frames_[f].key);
      else
        path += fmt::format("[{}]", frames_[f].index);
    }
    return sim::join_path(path, key);
  }

  void on_key(const std::string& key) {
    Frame& top = frames_.back();
    if (!top.keys.insert(key).second) {
      throw ConfigError(
          path_of(key),
          fmt::format("duplicate key in {} (a key may appear only once in an object)", origin_));
    }
    top.key = key;
    if (key_paths_) key_paths_->push_back(path_of(key));
  }

  std::string base_path_, origin_;
  std::vector<std::string>* key_paths_;
  std::vector<Frame> frames_;
};

}  // namespace

sim::Json parse_json(std::string_view text, const std::string& origin,
                     std::vector<std::string>* key_paths) {
  // nlohmann stops at a NUL byte as if the text ended there: anything after it would be ignored.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw ConfigError(fmt::format("{}:{}", origin, line_column(text, nul)),
                      "invalid JSON: a NUL byte (a JSON document is text)");
  }
  try {
    return sim::Json::parse(text.begin(), text.end(), DuplicateKeyCheck("", origin, key_paths));
  } catch (const sim::Json::parse_error& e) {
    // nlohmann reports a byte offset (1-based, pointing just past the offending character).
    const std::size_t end = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
    if (const auto colon = what.find(": "); colon != std::string::npos)
      what = what.substr(colon + 2);
    if (const auto p = what.find("syntax error while parsing value - "); p != std::string::npos) {
      what = what.substr(p + 35);
    }
    throw ConfigError(fmt::format("{}:{}", origin, line_column(text, end)),
                      "invalid JSON: " + what);
  } catch (const sim::Json::out_of_range& e) {
    // A number too large for a double ("1e999"): nlohmann gives no position, only the token.
    const std::string what = e.what();
    const auto open = what.find('\'');
    const auto close = open == std::string::npos ? std::string::npos : what.find('\'', open + 1);
    const std::string token =
        close == std::string::npos ? std::string() : what.substr(open + 1, close - open - 1);
    const std::size_t at = token.empty() ? 0 : std::min(text.find(token), text.size());
    throw ConfigError(
        fmt::format("{}:{}", origin, line_column(text, at)),
        fmt::format("invalid JSON: number {} is out of range (it must fit a double)", token));
  }
}

sim::Json load_json_file(const std::filesystem::path& path, std::vector<std::string>* key_paths) {
  return parse_json(sim::read_input_file(path, "scenario file"), path.string(), key_paths);
}

namespace {

void absolutize(sim::Json* node, std::initializer_list<const char*> keys,
                const std::filesystem::path& base) {
  for (const char* k : keys) {
    if (!node || !node->is_object()) return;
    auto it = node->find(k);
    if (it == node->end()) return;
    node = &*it;
  }
  if (node && node->is_string()) {
    const std::filesystem::path p = node->get<std::string>();
    if (p.is_relative() && !p.empty()) *node = (base / p).lexically_normal().string();
  }
}

}  // namespace

void resolve_relative_paths(sim::Json& doc, const std::filesystem::path& base_dir) {
  const std::filesystem::path base = std::filesystem::absolute(base_dir);
  absolutize(&doc, {"problem", "data", "path"}, base);
  absolutize(&doc, {"workers", "availability", "trace"}, base);
  absolutize(&doc, {"network", "topology", "graphml"}, base);
}

namespace {

// Splits "a.b[2].c" into tokens: keys and array indices.
struct Token {
  std::string key;
  bool is_index = false;
  std::size_t index = 0;
};

std::vector<Token> split_path(std::string_view path) {
  std::vector<Token> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(Token{current, false, 0});
    current.clear();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      flush();
    } else if (c == '[') {
      flush();
      const auto close = path.find(']', i);
      if (close == std::string_view::npos)
        throw ConfigError(std::string(path), "unclosed '[' in path");
      std::size_t index = 0;
      const auto digits = path.substr(i + 1, close - i - 1);
      const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty()) {
        throw ConfigError(std::string(path), "array index must be a non-negative integer");
      }
      tokens.push_back(Token{"", true, index});
      i = close;
    } else {
      current += c;
    }
  }
  flush();
  if (tokens.empty()) throw ConfigError(std::string(path), "empty path");
  return tokens;
}

}  // namespace

void set_at_path(sim::Json& doc, std::string_view path, sim::Json value) {
  const auto tokens = split_path(path);
  sim::Json* node = &doc;
  std::string where;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    const bool last = t + 1 == tokens.size();
    if (tok.is_index) {
      where += fmt::format("[{}]", tok.index);
      if (!node->is_array()) throw ConfigError(where, "is not an array");
      if (tok.index >= node->size()) {
        throw ConfigError(
            where, fmt::format("index out of range (the array has {} elements)", node->size()));
      }
      node = &(*node)[tok.index];
    } else {
      where = where.empty() ? tok.key : where + "." + tok.key;
      if (node->is_null()) *node = sim::Json::object();
      if (!node->is_object())
        throw ConfigError(where, "cannot set a key inside a non-object value");
      node = &(*node)[tok.key];
    }
    if (last) *node = std::move(value);
  }
}

void apply_override(sim::Json& doc, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ConfigError("--set " + std::string(assignment),
                      "expected PATH=VALUE, e.g. algorithm.stepsize=0.5");
  }
  const std::string_view path = assignment.substr(0, eq);
  const std::string_view text = assignment.substr(eq + 1);
  sim::Json value = sim::Json::parse(text.begin(), text.end(),
                                     DuplicateKeyCheck(std::string(path), "the --set value"),
                                     /*allow_exceptions=*/false);
  if (value.is_discarded()) value = std::string(text);
  set_at_path(doc, path, std::move(value));
}

}  // namespace commsim::scenario
