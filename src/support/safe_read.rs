//! Reading a file the project owns without being led astray: a symbolic
//! link, a FIFO or a device is refused before anything is read from it (a
//! FIFO would hang the reader, a link would lead out of the project), and
//! no more than a limit is read.
//!
//! Files are opened with `O_NOFOLLOW | O_NONBLOCK` and checked with
//! `fstat` on the open descriptor, so what is checked is what is read: a
//! file swapped for a link or a FIFO between a look and an open is still
//! refused. [`open_beneath`] goes further for archives whose folders may
//! be links too: it walks each folder of the path with `openat`, following
//! no link on the way.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path};

/// The text of the regular file at `path`, if it is at most `max` bytes of
/// UTF-8. `NotFound` when there is nothing there, so callers can tell "no
/// file" from "a bad one".
pub fn read_small(path: &Path, max: u64) -> io::Result<String> {
    let bytes = read_limited(open_regular(path)?, max)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// At most `max` bytes from `file`, or `FileTooLarge`.
pub fn read_limited(file: File, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("over the limit of {max} bytes"),
        ));
    }
    Ok(bytes)
}

/// What kind of thing stands at `path` (not following a link), for
/// messages: "a symbolic link", "a FIFO", "a folder", ….
pub fn kind(path: &Path) -> &'static str {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return "missing";
    };
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn not_regular(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}, not a regular file; not read"),
    )
}

/// Opens the regular file at `path` for reading; a symbolic link (as its
/// last component), a FIFO, a device or a folder is refused without
/// blocking.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(kind(path)));
    }
    let file = open_options().open(path).map_err(|e| explain(e, path))?;
    check_regular(file, path)
}

/// Opens `path` for reading, following links (for project files that may
/// be links inside the project, already checked), but without blocking on
/// a FIFO and only if what is opened is a regular file.
pub fn open_following(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    check_regular(options.open(path)?, path)
}

#[cfg(unix)]
fn open_options() -> std::fs::OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    options
}

#[cfg(not(unix))]
fn open_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    options
}

/// `ELOOP` from `O_NOFOLLOW` means "a link": say so.
fn explain(e: io::Error, path: &Path) -> io::Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) || e.raw_os_error() == Some(libc::ENOTDIR) {
        return not_regular(kind(path));
    }
    let _ = path;
    e
}

/// The open file, if `fstat` says it is a regular file.
fn check_regular(file: File, path: &Path) -> io::Result<File> {
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(not_regular(kind(path)))
    }
}

/// Opens the regular file `rel` (plain components only) beneath the folder
/// `base`, following no symbolic link in any component of `rel`: each
/// folder on the way is opened with `O_DIRECTORY | O_NOFOLLOW` relative to
/// the one before, so a link swapped in for a folder leads nowhere.
#[cfg(unix)]
pub fn open_beneath(base: &Path, rel: &Path) -> io::Result<File> {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;

    let names = plain_components(rel)?;
    let (last, folders) = names.split_last().expect("at least one component");
    let mut dir: OwnedFd = File::open(base)?.into();
    let mut at = base.to_path_buf();
    for (i, name) in folders.iter().chain(std::iter::once(last)).enumerate() {
        at.push(name);
        let is_last = i == folders.len();
        let flags = libc::O_RDONLY
            | libc::O_NOFOLLOW
            | libc::O_CLOEXEC
            | if is_last {
                libc::O_NONBLOCK
            } else {
                libc::O_DIRECTORY
            };
        let c = CString::new(name.as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in the path"))?;
        // SAFETY: `dir` is an open folder we own and `c` a NUL-terminated
        // name; `openat` returns a new descriptor or -1.
        let fd = unsafe { libc::openat(dir.as_raw_fd(), c.as_ptr(), flags) };
        if fd < 0 {
            return Err(explain(io::Error::last_os_error(), &at));
        }
        // SAFETY: `fd` was just returned by `openat` and is ours alone.
        dir = unsafe { OwnedFd::from_raw_fd(fd) };
    }
    check_regular(File::from(dir), &at)
}

/// Without `openat`: each component is looked at (not followed), then
/// the file opened as [`open_regular`] does.
#[cfg(not(unix))]
pub fn open_beneath(base: &Path, rel: &Path) -> io::Result<File> {
    let mut at = base.to_path_buf();
    let names = plain_components(rel)?;
    let (_, folders) = names.split_last().expect("at least one component");
    for name in folders {
        at.push(name);
        let meta = std::fs::symlink_metadata(&at)?;
        if !meta.is_dir() {
            return Err(not_regular(kind(&at)));
        }
    }
    open_regular(&base.join(rel))
}

/// The names of `rel`, refused unless every one is a plain name (no `..`,
/// no root): a path that could climb out is not opened at all.
fn plain_components(rel: &Path) -> io::Result<Vec<&std::ffi::OsStr>> {
    let mut names = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => names.push(name),
            Component::CurDir => {}
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a plain relative path", rel.display()),
                ));
            }
        }
    }
    if names.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "an empty path"));
    }
    Ok(names)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_and_climbing_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        std::fs::write(base.join("a/b/f"), "x").unwrap();
        std::os::unix::fs::symlink(base.join("a/b"), base.join("a/l")).unwrap();
        std::os::unix::fs::symlink(base.join("a/b/f"), base.join("a/b/lf")).unwrap();
        let fifo = std::ffi::CString::new(base.join("a/b/p").to_str().unwrap()).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(open_beneath(base, Path::new("a/b/f")).is_ok());
        let refused = |rel: &str| open_beneath(base, Path::new(rel)).unwrap_err().to_string();
        assert!(refused("a/l/f").contains("a symbolic link"));
        assert!(refused("a/b/lf").contains("a symbolic link"));
        assert!(refused("a/b/p").contains("a FIFO"));
        assert!(refused("a/b").contains("a folder"));
        assert!(refused("a/../a/b/f").contains("not a plain relative path"));
        assert!(read_small(&base.join("a/b/p"), 10).is_err());
    }
}
