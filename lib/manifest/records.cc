#include "manifest/records.h"

#include "base/file.h"

#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "l10n/encoding.h"
#include "manifest/limits.h"

namespace dpo::manifest {

std::optional<RecordFormat> format_of(const std::filesystem::path& path) {
  std::string ext = to_lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return RecordFormat::jsonl;
  if (ext == ".csv") return RecordFormat::csv;
  return std::nullopt;
}

Input::Input(const std::filesystem::path& path) {
  if (path == "-") {
    check_stdin();
    in_ = &std::cin;
    name_ = "<stdin>";
    return;
  }
  check_input_path(path);
  file_.open(path, std::ios::binary);
  if (!file_) throw Error(ExitCode::store, "cannot read '" + path.string() + "'");
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

namespace {

// " 'scope.x'" for key x under `path` ("scope."), when it has the shape of an
// id; else " in 'scope'" (or nothing at the top): a key is named only when it
// cannot be a value put where a key belongs.
std::string key_named(const std::string& path, std::string_view key) {
  std::string full = path + std::string(key);
  if (id_shaped(full)) return " " + quote(full);
  return path.empty() ? std::string() : " in " + quote(path.substr(0, path.size() - 1));
}

/// What a simdjson failure means, in a message's words.
std::string json_problem(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR: return "bytes that are not UTF-8";
    case simdjson::UNESCAPED_CHARS: return "a control character in a string";
    case simdjson::NUMBER_ERROR: return "a number out of range";
    default: return "bad JSON";
  }
}

}  // namespace

std::size_t json_error_position(std::string_view text) {
  try {
    // Only the exception tells: parsing is the check.
    [[maybe_unused]] nlohmann::json parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return e.byte;
  } catch (const nlohmann::json::exception&) {
  }
  return 0;
}

bool read_line(std::istream& in, std::vector<char>& buffer, std::string& line, bool& too_long) {
  too_long = false;
  buffer.resize(kMaxLineBytes + 2);
  in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  auto got = static_cast<std::size_t>(in.gcount());
  if (in.bad()) throw Error(ExitCode::store, "cannot read the input");
  bool delimited = !in.fail() && !in.eof();
  if (in.fail() && !in.eof()) {  // the buffer filled up before the line ended
    in.clear();
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    too_long = true;
    line.clear();
    return true;
  }
  if (!delimited && got == 0) return false;
  line.assign(buffer.data(), delimited ? got - 1 : got);
  if (line.size() > kMaxLineBytes) {
    too_long = true;
    line.clear();
  }
  return true;
}

bool JsonLineReader::next(JsonObject& object) {
  bool too_long = false;
  while (read_line(in_, buffer_, line_, too_long)) {
    ++line_no_;
    if (too_long) {
      error(Location{file_, line_no_, 1}, std::string("line longer than ") + kMaxLineText,
            "one record a line; no record needs this much");
      continue;
    }
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_no_ == 1 && line_.starts_with("\xEF\xBB\xBF")) {
      error(Location{file_, 1, 1}, "the file starts with a byte-order mark",
            "JSON Lines is UTF-8 without one: save the file without BOM");
      continue;
    }
    if (trim(line_).empty()) continue;
    JsonElement doc;
    if (simdjson::error_code code = parser_.parse(line_).get(doc); code != simdjson::SUCCESS) {
      if (code == simdjson::DEPTH_ERROR) {
        error(Location{file_, line_no_, 1}, "JSON nested too deep", "no record needs more than a few levels");
        continue;
      }
      int column = static_cast<int>(json_error_position(line_));
      error(Location{file_, line_no_, column}, json_problem(code), "each line must be one JSON object");
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
  unique_keys(object, path);
  for (auto [key, value] : object) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string k(key);
    std::string why = hint ? hint(k) : std::string();
    if (why.empty()) why = did_you_mean(k, allowed);
    error(field(k, path), "unknown key" + key_named(path, k), why.empty() ? "remove it, or see dpo-register(5)" : why);
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
  if (!clean(out, key, path)) return {};
  return std::string(out);
}

bool JsonLineReader::clean(std::string_view text, std::string_view key, const std::string& path) {
  TextFault fault = text_fault(text);
  if (fault) error(field(key, path), std::string(fault.what) + " in '" + path + std::string(key) + "'",
                   "no value needs one; fix the source data");
  return !fault;
}

void JsonLineReader::unique_keys(const JsonObject& object, const std::string& path) {
  std::vector<std::string_view> seen;
  for (auto [key, value] : object) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      error(field(key, path), "duplicate key" + key_named(path, key), "keep one");
    seen.push_back(key);
  }
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
    if (!clean(text, key, path)) return {};
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
                           std::span<const std::string_view> csv_columns,
                           std::span<const std::string_view> required_columns, Diagnostics& diagnostics,
                           CsvDialect dialect)
    : input_(path), diagnostics_(diagnostics) {
  if (format == RecordFormat::jsonl)
    jsonl_.emplace(input_.stream(), input_.name(), diagnostics);
  else
    csv_.emplace(input_.stream(), input_.name(), csv_columns, required_columns, diagnostics, dialect);
}

CsvTable::CsvTable(std::istream& in, std::string file, std::span<const std::string_view> columns,
                   std::span<const std::string_view> required, Diagnostics& diagnostics, CsvDialect dialect)
    : reader_(in, file, dialect.delimiter), file_(std::move(file)), diagnostics_(diagnostics),
      encoding_(dialect.encoding) {
  std::vector<CsvField> header;
  if (!reader_.next(header, diagnostics_)) {
    diagnostics_.add(Location{file_, 1, 1}, "empty CSV file",
                     required.empty() ? std::string("the first row names the columns")
                                      : "the first row names the columns, starting with " + std::string(required.front()));
    return;
  }
  ok_ = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    decode(header[i].text);
    std::string name(trim(header[i].text));
    Location where{file_, header[i].line, header[i].column};
    if (!dialect.any_columns && std::find(columns.begin(), columns.end(), name) == columns.end()) {
      std::string hint = did_you_mean(name, columns);
      diagnostics_.add(where, "unknown column" + quoted_id(name), hint.empty() ? "see dpo-register(5)" : hint);
      ok_ = false;
    } else if (auto [at, fresh] = column_.emplace(name, i); !fresh) {
      // A foreign export's header may be a row of data (no header, or its
      // lines not split): a name is quoted only when dpokit defines it.
      if (dialect.any_columns)
        diagnostics_.add(where, "column " + std::to_string(i + 1) + " has the name of column " +
                                    std::to_string(at->second + 1),
                         "each column of the first row needs its own name; is it a header row?");
      else
        diagnostics_.add(where, "column '" + name + "' appears twice");
      ok_ = false;
    }
  }
  // Said once here rather than on every row of a file that cannot have it.
  if (ok_)
    for (std::string_view name : required)
      if (!column_.count(name)) {
        diagnostics_.add(Location{file_, 1, 1}, "no '" + std::string(name) + "' column",
                         "every row needs one; add it to the first row");
        ok_ = false;
      }
}

bool CsvTable::next() {
  if (!ok_) return false;
  while (reader_.next(row_, diagnostics_)) {
    if (row_.size() == 1 && trim(row_[0].text).empty()) continue;
    if (row_.size() != column_.size())
      diagnostics_.add(Location{file_, reader_.row_line(), row_[std::min(row_.size(), column_.size()) - 1].column},
                       "row has " + std::to_string(row_.size()) + " cells, the header " +
                           std::to_string(column_.size()));
    for (CsvField& f : row_) decode(f.text);
    for (const CsvField& f : row_)
      if (TextFault fault = text_fault(f.text))
        diagnostics_.add(Location{file_, f.line, f.column}, std::string(fault.what) + " in a cell",
                         "no value needs one; fix the source data");
    return true;
  }
  return false;
}

void CsvTable::decode(std::string& text) {
  if (encoding_ == CsvEncoding::utf8) return;
  if (encoding_ == CsvEncoding::automatic && invalid_utf8_at(text) == std::string::npos) return;
  text = l10n::from_windows_1252(text);
  if (encoding_ == CsvEncoding::automatic) ++converted_;
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
