#include "domain/screening/instrument_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/embedded.h"
#include "domain/screening/instrument_loader.h"

namespace fyren::screening {
namespace {

constexpr std::string_view kEmbeddedPrefix = "content/instruments/";

base::Status ReadDirectory(std::string_view dir,
                           std::vector<std::pair<std::string, std::string>>& files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(fs::path(dir), ec)) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "instruments.dir: " + std::string(dir) + " is not a directory");
  }
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(dir), ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      paths.push_back(entry.path());
    }
  }
  if (ec) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "instruments.dir: " + std::string(dir) + " cannot be read");
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
      return base::Fail(base::ErrorCode::kInvalidInput, path.string() + ": cannot be read");
    }
    files.emplace_back(path.string(), text.str());
  }
  return base::Ok();
}

}  // namespace

base::Result<InstrumentCatalog> InstrumentCatalog::FromFiles(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::map<std::string, std::shared_ptr<const LoadedInstrument>> by_id;
  std::string problems;
  for (const auto& [path, text] : files) {
    auto parsed = ParseInstrument(text, path);
    if (!parsed) {
      if (!problems.empty()) problems += '\n';
      problems += parsed.error().message;
      continue;
    }
    ScoringTable table(*parsed);
    const std::string id = parsed->id;
    // Later files (the override directory) replace earlier ones of the same id.
    by_id[id] = std::make_shared<const LoadedInstrument>(
        LoadedInstrument{.instrument = std::move(*parsed), .scoring = std::move(table)});
  }
  if (!problems.empty()) return base::Fail(base::ErrorCode::kInvalidInput, problems);
  if (by_id.empty()) return base::Fail(base::ErrorCode::kInvalidInput, "no screening instruments");
  InstrumentCatalog catalog;
  for (auto& [id, loaded] : by_id) catalog.instruments_.push_back(std::move(loaded));
  return catalog;
}

base::Result<InstrumentCatalog> InstrumentCatalog::Load(std::string_view override_dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const base::EmbeddedFile& file : base::EmbeddedFiles()) {
    if (file.path.starts_with(kEmbeddedPrefix) && file.path.ends_with(".toml")) {
      files.emplace_back(std::string(file.path), std::string(file.data));
    }
  }
  std::sort(files.begin(), files.end());
  if (!override_dir.empty()) {
    if (auto ok = ReadDirectory(override_dir, files); !ok) return std::unexpected(ok.error());
  }
  return FromFiles(files);
}

const LoadedInstrument* InstrumentCatalog::Find(std::string_view id) const {
  for (const auto& loaded : instruments_) {
    if (loaded->instrument.id == id) return loaded.get();
  }
  return nullptr;
}

}  // namespace fyren::screening
