#include "manifest/records.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace dpo::manifest {

std::optional<RecordFormat> format_of(const std::filesystem::path& path) {
  std::string ext = to_lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return RecordFormat::jsonl;
  if (ext == ".csv") return RecordFormat::csv;
  return std::nullopt;
}

Input::Input(const std::filesystem::path& path) {
  if (path == "-") {
    in_ = &std::cin;
    name_ = "<stdin>";
    return;
  }
  file_.open(path, std::ios::binary);
  if (!file_) throw Error(ExitCode::invalid_input, "cannot read '" + path.string() + "'");
  in_ = &file_;
  name_ = path.string();
  std::error_code ec;
  size_ = static_cast<long long>(std::filesystem::file_size(path, ec));
  if (ec) size_ = 0;
}

long long Input::position() {
  if (in_ != &file_) return 0;
  std::streampos at = file_.tellg();
  return at < 0 ? size_ : static_cast<long long>(at);
}

bool JsonLineReader::next(JsonObject& object) {
  while (std::getline(in_, line_)) {
    ++line_no_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (trim(line_).empty()) continue;
    JsonElement doc;
    if (parser_.parse(line_).get(doc) != simdjson::SUCCESS) {
      // simdjson does not say where; the slower parser does, on this rare path.
      int column = 0;
      try {
        // Only the exception tells: parsing is the check.
        [[maybe_unused]] nlohmann::json parsed = nlohmann::json::parse(line_);
      } catch (const nlohmann::json::parse_error& e) {
        column = static_cast<int>(e.byte);
      } catch (const nlohmann::json::exception&) {
      }
      error(Location{file_, line_no_, column}, "bad JSON", "each line must be one JSON object");
      continue;
    }
    if (doc.get(object) != simdjson::SUCCESS) {
      error(at(), "expected a JSON object", "each line must be one JSON object");
      continue;
    }
    return true;
  }
  return false;
}

Location JsonLineReader::at(std::string_view key) const {
  if (key.empty()) return Location{file_, line_no_, 0};
  std::size_t pos = line_.find("\"" + std::string(key) + "\"");
  return Location{file_, line_no_, pos == std::string::npos ? 0 : static_cast<int>(pos) + 1};
}

void JsonLineReader::error(const Location& where, std::string message, std::string hint) {
  diagnostics_.add(where, std::move(message), std::move(hint));
}

std::optional<JsonElement> JsonLineReader::find(const JsonObject& object, std::string_view key) {
  JsonElement value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

void JsonLineReader::keys(const JsonObject& object, std::span<const std::string_view> allowed,
                          const std::string& path, const std::function<std::string(const std::string&)>& hint) {
  for (auto [key, value] : object) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string k(key);
    std::string why = hint ? hint(k) : std::string();
    if (why.empty()) why = did_you_mean(k, allowed);
    error(field(k, path), "unknown key '" + path + k + "'", why.empty() ? "remove it, or see dpo-register(5)" : why);
  }
}

std::string JsonLineReader::text(const JsonObject& object, std::string_view key, const std::string& path) {
  std::optional<JsonElement> value = find(object, key);
  if (!value) return {};
  std::string_view out;
  if (value->get(out) != simdjson::SUCCESS) {
    error(field(key, path), "expected a string in '" + path + std::string(key) + "'");
    return {};
  }
  return std::string(out);
}

std::optional<bool> JsonLineReader::boolean(const JsonObject& object, std::string_view key, const std::string& path) {
  std::optional<JsonElement> value = find(object, key);
  if (!value) return std::nullopt;
  bool out = false;
  if (value->get(out) != simdjson::SUCCESS) {
    error(field(key, path), "expected true or false in '" + path + std::string(key) + "'");
    return std::nullopt;
  }
  return out;
}

std::optional<JsonArray> JsonLineReader::list(const JsonObject& object, std::string_view key, const std::string& path) {
  std::optional<JsonElement> value = find(object, key);
  if (!value) return std::nullopt;
  JsonArray out;
  if (value->get(out) != simdjson::SUCCESS) {
    error(field(key, path), "expected a list in '" + path + std::string(key) + "'");
    return std::nullopt;
  }
  return out;
}

std::optional<JsonObject> JsonLineReader::object(const JsonObject& object, std::string_view key,
                                                 const std::string& path) {
  std::optional<JsonElement> value = find(object, key);
  if (!value) return std::nullopt;
  JsonObject out;
  if (value->get(out) != simdjson::SUCCESS) {
    error(field(key, path), "expected an object in '" + path + std::string(key) + "'");
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> JsonLineReader::texts(const JsonObject& object, std::string_view key,
                                               const std::string& path) {
  std::vector<std::string> out;
  std::optional<JsonArray> items = list(object, key, path);
  if (!items) return out;
  for (JsonElement item : *items) {
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) {
      error(field(key, path), "expected strings in '" + path + std::string(key) + "'");
      return {};
    }
    out.emplace_back(text);
  }
  return out;
}

void JsonLineReader::each(const JsonObject& object, std::string_view key,
                          const std::function<void(const JsonObject&, const std::string&)>& each) {
  std::optional<JsonArray> items = list(object, key);
  if (!items) return;
  std::size_t i = 0;
  for (JsonElement item : *items) {
    std::string path = std::string(key) + "[" + std::to_string(i++) + "].";
    JsonObject element;
    if (item.get(element) != simdjson::SUCCESS) {
      error(at(key), "expected an object in '" + path.substr(0, path.size() - 1) + "'");
      continue;
    }
    each(element, path);
  }
}

RecordStream::RecordStream(const std::filesystem::path& path, RecordFormat format,
                           std::span<const std::string_view> csv_columns, std::string_view required_column,
                           Diagnostics& diagnostics)
    : input_(path), diagnostics_(diagnostics) {
  if (format == RecordFormat::jsonl)
    jsonl_.emplace(input_.stream(), input_.name(), diagnostics);
  else
    csv_.emplace(input_.stream(), input_.name(), csv_columns, required_column, diagnostics);
}

CsvTable::CsvTable(std::istream& in, std::string file, std::span<const std::string_view> columns,
                   std::string_view required, Diagnostics& diagnostics)
    : reader_(in, file), file_(std::move(file)), diagnostics_(diagnostics) {
  std::vector<CsvField> header;
  if (!reader_.next(header, diagnostics_)) {
    diagnostics_.add(Location{file_, 1, 1}, "empty CSV file",
                     "the first row names the columns, starting with " + std::string(required));
    return;
  }
  ok_ = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name(trim(header[i].text));
    Location where{file_, header[i].line, header[i].column};
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
      std::string hint = did_you_mean(name, columns);
      diagnostics_.add(where, "unknown column '" + name + "'", hint.empty() ? "see dpo-register(5)" : hint);
      ok_ = false;
    } else if (!column_.emplace(name, i).second) {
      diagnostics_.add(where, "column '" + name + "' appears twice");
      ok_ = false;
    }
  }
  if (ok_ && !column_.count(required)) {
    diagnostics_.add(Location{file_, 1, 1}, "no '" + std::string(required) + "' column");
    ok_ = false;
  }
}

bool CsvTable::next() {
  if (!ok_) return false;
  while (reader_.next(row_, diagnostics_)) {
    if (row_.size() == 1 && trim(row_[0].text).empty()) continue;
    if (row_.size() != column_.size())
      diagnostics_.add(Location{file_, reader_.row_line(), 0}, "row has " + std::to_string(row_.size()) +
                                                                   " cells, the header " +
                                                                   std::to_string(column_.size()));
    return true;
  }
  return false;
}

std::string CsvTable::cell(std::string_view column) const {
  auto it = column_.find(column);
  if (it == column_.end() || it->second >= row_.size()) return {};
  return std::string(trim(row_[it->second].text));
}

Location CsvTable::where(std::string_view column) const {
  auto it = column_.find(column);
  if (it == column_.end() || it->second >= row_.size()) return Location{file_, reader_.row_line(), 0};
  return Location{file_, row_[it->second].line, row_[it->second].column};
}

}  // namespace dpo::manifest
