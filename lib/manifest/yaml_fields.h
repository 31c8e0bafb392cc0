#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/names.h"
#include "base/strings.h"
#include "time/duration.h"
#include "time/instant.h"

/// Typed, position-aware reading of YAML mappings: every problem becomes a
/// Diagnostic with file:line:column, and reading goes on so all are gathered.
namespace dpo::manifest {

enum class Need { optional, required };

/// A YAML file being read: its name and the diagnostics gathered so far.
class YamlSource {
 public:
  /// Warnings (what still reads but is deprecated) go to `warnings` when
  /// given, and are dropped otherwise.
  YamlSource(std::string file, Diagnostics& diagnostics, Diagnostics* warnings = nullptr)
      : file_(std::move(file)), diagnostics_(diagnostics), warnings_(warnings) {}
  /// Where a node starts, 1-based.
  [[nodiscard]] Location at(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message, std::string hint = {}) const;
  void error(Location where, std::string message, std::string hint = {}) const;
  /// Something that still reads as it did but should be written another way.
  void warn(const YAML::Node& node, std::string message, std::string hint = {}) const;
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string file_;
  Diagnostics& diagnostics_;
  Diagnostics* warnings_;
};

/// The fields of one mapping. Construction reports a non-mapping, unknown keys
/// (with did-you-mean) and duplicate keys; getters report missing or ill-typed values.
class Fields {
 public:
  Fields(const YamlSource& source, const YAML::Node& node, std::string context,
         std::initializer_list<std::string_view> keys);

  [[nodiscard]] bool is_map() const { return is_map_; }
  [[nodiscard]] const YAML::Node& node() const { return node_; }
  /// The value of `key`, or an undefined node when it is absent or null.
  [[nodiscard]] YAML::Node get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return static_cast<bool>(get(key)); }
  /// Where the value of `key` is, or the mapping itself when it is absent.
  [[nodiscard]] Location where(std::string_view key) const;

  [[nodiscard]] std::string text(std::string_view key, Need need = Need::optional) const;
  [[nodiscard]] bool flag(std::string_view key, bool fallback = false) const;
  [[nodiscard]] std::optional<int> integer(std::string_view key, Need need = Need::optional) const;
  [[nodiscard]] std::optional<Date> date(std::string_view key, Need need = Need::optional) const;
  [[nodiscard]] std::optional<Instant> instant(std::string_view key, const Zone& zone, Need need = Need::optional) const;
  [[nodiscard]] std::optional<Duration> duration(std::string_view key, Need need = Need::optional) const;
  /// A list of scalars.
  [[nodiscard]] std::vector<std::string> texts(std::string_view key, Need need = Need::optional) const;
  /// The sequence under `key` (each element still to be read).
  [[nodiscard]] std::vector<YAML::Node> items(std::string_view key, Need need = Need::optional) const;

  /// A scalar that must be one of a table's names.
  template <class E>
  std::optional<E> choice(std::string_view key, std::span<const Named<E>> table, std::string_view what,
                          Need need = Need::optional) const {
    std::string value = text(key, need);
    if (value.empty()) return std::nullopt;
    return pick(get(key), value, table, what);
  }

  /// A list whose every element must be one of a table's names, each once.
  template <class E>
  std::vector<E> choices(std::string_view key, std::span<const Named<E>> table, std::string_view what) const {
    std::vector<E> out;
    YAML::Node list = get(key);
    if (!list) return out;
    for (const YAML::Node& item : list_of(key, list)) {
      std::string value = scalar_text(item, key);
      if (item.IsScalar() && trim(value).empty()) {
        blank_item(item, key);
        continue;
      }
      std::optional<E> v = pick(item, value, table, what);
      if (!v) continue;
      if (std::find(out.begin(), out.end(), *v) != out.end())
        twice(item, key, value);
      else
        out.push_back(*v);
    }
    return out;
  }

  /// Reports `value` (read from `node`) unless it names a row of `table`.
  template <class E>
  std::optional<E> pick(const YAML::Node& node, const std::string& value, std::span<const Named<E>> table,
                        std::string_view what) const {
    if (value.empty()) return std::nullopt;
    if (auto v = from_name(table, value)) return v;
    std::vector<std::string_view> all = names(table);
    std::string hint = did_you_mean(value, all);
    if (hint.empty()) hint = "expected one of " + join_views(all);
    source_.error(node, "unknown " + std::string(what) + quoted_id(value), hint);
    return std::nullopt;
  }

 private:
  const YamlSource& source_;
  YAML::Node node_;
  std::string context_;
  bool is_map_ = false;

  std::vector<YAML::Node> list_of(std::string_view key, const YAML::Node& list) const;
  void blank_item(const YAML::Node& item, std::string_view key) const;
  void twice(const YAML::Node& item, std::string_view key, const std::string& value) const;
  std::string scalar_text(const YAML::Node& node, std::string_view key) const;
  static std::string join_views(const std::vector<std::string_view>& names);
};

/// Parses YAML text, reporting a syntax error at its position; returns an undefined node then.
[[nodiscard]] YAML::Node parse_yaml(std::string_view text, const YamlSource& source);

}  // namespace dpo::manifest
