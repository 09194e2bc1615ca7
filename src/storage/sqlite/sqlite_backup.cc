#include "storage/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "base/random.h"
#include "storage/sqlite/sqlite_connection.h"

namespace fyren::storage::sqlite {
namespace {

using base::ErrorCode;
using base::Fail;
using base::Status;

constexpr int kBusyTimeoutMs = 10000;

struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbDeleter>;

base::Result<DbPtr> OpenRaw(const std::string& path, int flags) {
  ConfigureLibraryOnce();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(raw, rc, "open " + path));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  return db;
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec) || ec;  // when in doubt, treat it as existing
}

// Copies all of `from` into `to` in one step: a single read transaction on the source gives a
// consistent snapshot, and the destination is replaced in one transaction.
Status Copy(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return std::unexpected(SqliteError(to, sqlite3_errcode(to), "backup"));
  int rc = SQLITE_OK;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK) &&
           std::chrono::steady_clock::now() < deadline);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return std::unexpected(SqliteError(to, rc, "backup step"));
  return base::Ok();
}

Status QuickCheck(sqlite3* db, std::string_view which) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db, rc, "quick_check"));
  rc = sqlite3_step(stmt.get());
  if (rc != SQLITE_ROW) return std::unexpected(SqliteError(db, rc, "quick_check"));
  const auto* answer = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
  if (answer == nullptr || std::string_view(answer) != "ok") {
    return Fail(ErrorCode::kInternal, "the database copy failed its integrity check",
                std::string(which) + " failed PRAGMA quick_check");
  }
  return base::Ok();
}

Status SyncDirectoryOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? "." : parent.string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrorCode::kInternal, "backup failed", "open directory " + dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Fail(ErrorCode::kInternal, "backup failed", "fsync directory " + dir);
  return base::Ok();
}

// Writes a checked copy of `from` to a temporary file and links it to `dest` only if `dest` does
// not exist yet (link(2) refuses atomically, unlike rename).
Status CopyToNewFile(sqlite3* from, const std::string& dest) {
  const std::string temp = dest + ".partial-" + base::NewPublicId();
  Status result = [&]() -> Status {
    auto to = OpenRaw(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return std::unexpected(to.error());
    if (sqlite3_exec(to->get(), "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      return std::unexpected(SqliteError(to->get(), sqlite3_errcode(to->get()), "pragma"));
    }
    if (auto copied = Copy(from, to->get()); !copied) return copied;
    if (auto checked = QuickCheck(to->get(), "the new copy"); !checked) return checked;
    to->reset();  // closes the file; SQLite has synced it at the end of the copy
    if (::link(temp.c_str(), dest.c_str()) != 0) {
      if (errno == EEXIST) {
        return Fail(ErrorCode::kInvalidInput, "the destination file already exists",
                    "refusing to overwrite " + dest);
      }
      return Fail(ErrorCode::kInternal, "backup failed",
                  "link " + dest + ": " + std::strerror(errno));
    }
    return SyncDirectoryOf(dest);
  }();
  std::error_code ignored;
  std::filesystem::remove(temp, ignored);
  std::filesystem::remove(temp + "-journal", ignored);
  std::filesystem::remove(temp + "-wal", ignored);
  std::filesystem::remove(temp + "-shm", ignored);
  return result;
}

Status RequireExisting(const std::string& path) {
  if (!Exists(path)) {
    return Fail(ErrorCode::kInvalidInput, "there is no database file at the given path",
                "missing " + path);
  }
  return base::Ok();
}

}  // namespace

Status BackupSqlite(std::string_view source_path, std::string_view dest_path) {
  const std::string source(source_path);
  const std::string dest(dest_path);
  if (auto present = RequireExisting(source); !present) return present;
  if (Exists(dest)) {
    return Fail(ErrorCode::kInvalidInput, "the destination file already exists",
                "refusing to overwrite " + dest);
  }
  auto from = OpenRaw(source, SQLITE_OPEN_READONLY);
  if (!from) return std::unexpected(from.error());
  return CopyToNewFile(from->get(), dest);
}

Status RestoreSqlite(std::string_view backup_path, std::string_view target_path, RestoreMode mode) {
  const std::string backup(backup_path);
  const std::string target(target_path);
  if (auto present = RequireExisting(backup); !present) return present;
  auto from = OpenRaw(backup, SQLITE_OPEN_READONLY);
  if (!from) return std::unexpected(from.error());
  if (auto checked = QuickCheck(from->get(), "the backup"); !checked) return checked;
  if (!Exists(target)) return CopyToNewFile(from->get(), target);
  if (mode == RestoreMode::kRefuseExisting) {
    return Fail(ErrorCode::kInvalidInput, "the target database already exists",
                "refusing to overwrite " + target);
  }
  auto to = OpenRaw(target, SQLITE_OPEN_READWRITE);
  if (!to) return std::unexpected(to.error());
  if (sqlite3_exec(to->get(), "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    return std::unexpected(SqliteError(to->get(), sqlite3_errcode(to->get()), "pragma"));
  }
  if (auto copied = Copy(from->get(), to->get()); !copied) return copied;
  return QuickCheck(to->get(), "the restored database");
}

}  // namespace fyren::storage::sqlite
