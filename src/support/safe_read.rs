//! Reading a small file the project owns without being led astray: a
//! symbolic link, a FIFO or a device is refused before it is opened (a FIFO
//! would hang the reader), and no more than a limit is read.

use std::io::{self, Read};
use std::path::Path;

/// The text of the regular file at `path`, if it is at most `max` bytes of
/// UTF-8. `NotFound` when there is nothing there, so callers can tell "no
/// file" from "a bad one".
pub fn read_small(path: &Path, max: u64) -> io::Result<String> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a link, a folder or a FIFO)",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("over the limit of {max} bytes"),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}
