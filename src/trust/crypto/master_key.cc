#include "trust/crypto/master_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {
namespace {

constexpr std::string_view kHeaderLine = "fyren-master-key-v1";
constexpr std::size_t kMasterKeyBytes = 32;
constexpr std::size_t kHexDigits = 2 * kMasterKeyBytes;
// Header, newline, hex, newline.
constexpr std::size_t kFileBytes = kHeaderLine.size() + 1 + kHexDigits + 1;
// Larger files are refused unread; slightly larger ones are read so the message can say what is
// wrong with them (CRLF line endings, a trailing blank line) instead of just "too large".
constexpr std::size_t kMaxFileBytes = 256;
constexpr std::string_view kFingerprintLabel = "fyren.master-key-id.v1";

// Closes a file descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  // Closes now and reports whether the close succeeded (a failed close can lose written data).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::unexpected<base::Error> Refuse(const std::filesystem::path& path, std::string_view problem) {
  return base::Fail(base::ErrorCode::kInvalidInput,
                    "Master key file " + path.string() + ": " + std::string(problem));
}

std::string ErrnoText(int error) { return std::strerror(error); }

bool IsLowerHex(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::string OctalMode(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

bool WriteAll(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// fsync of the directory makes the new directory entry itself durable.
bool SyncDirectoryOf(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  FileDescriptor guard(fd);
  return ::fsync(fd) == 0;
}

}  // namespace

MasterKey::MasterKey(SecretBytes key) : key_(std::move(key)) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES_MIN];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(kFingerprintLabel.data()),
                     kFingerprintLabel.size(), key_.data(), key_.size());
  char hex[2 * 8 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, 8);
  fingerprint_ = hex;
  id_ = (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) |
        (std::uint32_t{digest[2]} << 8) | std::uint32_t{digest[3]};
}

MasterKey MasterKey::Generate() { return MasterKey(SecretBytes::Random(kMasterKeyBytes)); }

base::Result<MasterKey> MasterKey::FromBytes(SecretBytes bytes) {
  if (bytes.size() != kMasterKeyBytes) {
    return base::Fail(base::ErrorCode::kInvalidInput, "A master key must be 32 bytes.");
  }
  return MasterKey(std::move(bytes));
}

base::Status WriteNewMasterKeyFile(const std::filesystem::path& path) {
  return WriteMasterKeyFile(path, MasterKey::Generate());
}

base::Status WriteMasterKeyFile(const std::filesystem::path& path, const MasterKey& key) {
  EnsureSodium();
  // The file's text is as secret as the key, so it is built in locked memory too.
  SecretBytes content(kFileBytes);
  auto* out = content.data();
  std::memcpy(out, kHeaderLine.data(), kHeaderLine.size());
  out[kHeaderLine.size()] = '\n';
  SecretBytes hex(kHexDigits + 1);
  sodium_bin2hex(reinterpret_cast<char*>(hex.data()), hex.size(), key.key().data(),
                 key.key().size());
  std::memcpy(out + kHeaderLine.size() + 1, hex.data(), kHexDigits);
  out[kFileBytes - 1] = '\n';

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST) {
      return base::Fail(
          base::ErrorCode::kConflict,
          "Master key file " + path.string() + ": already exists; refusing to overwrite a key.");
    }
    return Refuse(path, "cannot be created (" + ErrnoText(error) + ").");
  }
  FileDescriptor file(fd);
  // open()'s mode is filtered by the umask; set it exactly so a strict umask cannot leave 0400
  // and a loose one cannot matter.
  const bool written = ::fchmod(fd, 0600) == 0 && WriteAll(fd, content.data(), content.size()) &&
                       ::fsync(fd) == 0 && file.Close();
  if (!written) {
    const int error = errno;
    ::unlink(path.c_str());
    return Refuse(path, "could not be written (" + ErrnoText(error) + "); nothing was kept.");
  }
  if (!SyncDirectoryOf(path)) {
    return Refuse(path, "was written but its directory could not be synced to disk.");
  }
  return base::Ok();
}

base::Result<MasterKey> LoadMasterKeyFile(const std::filesystem::path& path) {
  EnsureSodium();
  // O_NONBLOCK so that a FIFO at the path cannot hang start-up; it is refused below anyway.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return Refuse(path, "does not exist.");
    return Refuse(path, "cannot be opened (" + ErrnoText(error) + ").");
  }
  FileDescriptor file(fd);
  // Checked on the open descriptor, not the path, so the file checked is the file read.
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Refuse(path, "cannot be inspected.");
  }
  if (!S_ISREG(st.st_mode)) {
    return Refuse(path, "is not a regular file.");
  }
  if ((st.st_mode & 077) != 0) {
    return Refuse(path, "is accessible by group or others (mode " + OctalMode(st.st_mode) +
                            "); run chmod 600 on it.");
  }
  if (st.st_size > static_cast<off_t>(kMaxFileBytes)) {
    return Refuse(path, "is too large to be a master key file.");
  }

  SecretBytes content(kMaxFileBytes + 1);
  std::size_t size = 0;
  while (size < content.size()) {
    const ssize_t n = ::read(fd, content.data() + size, content.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Refuse(path, "cannot be read (" + ErrnoText(errno) + ").");
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  if (size > kMaxFileBytes) {
    return Refuse(path, "is too large to be a master key file.");
  }

  const std::string_view text(reinterpret_cast<const char*>(content.data()), size);
  if (text.find('\r') != std::string_view::npos) {
    return Refuse(path, "has Windows (CRLF) line endings; save it with LF line endings.");
  }
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (first_line != kHeaderLine) {
    return Refuse(path, "does not start with the line \"" + std::string(kHeaderLine) + "\".");
  }
  std::string_view rest = text.substr(std::min(text.size(), kHeaderLine.size() + 1));
  if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
  const bool hex_ok = rest.size() == kHexDigits &&
                      std::all_of(rest.begin(), rest.end(), [](char c) { return IsLowerHex(c); });
  if (!hex_ok) {
    return Refuse(path, "must hold exactly 64 lower-case hex digits on its second line.");
  }
  SecretBytes key(kMasterKeyBytes);
  std::size_t decoded = 0;
  if (sodium_hex2bin(key.data(), key.size(), rest.data(), rest.size(), nullptr, &decoded,
                     nullptr) != 0 ||
      decoded != kMasterKeyBytes) {
    return Refuse(path, "holds a key that cannot be decoded.");
  }
  return MasterKey::FromBytes(std::move(key));
}

}  // namespace fyren::trust::crypto
