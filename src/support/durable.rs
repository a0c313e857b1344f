//! Durability in bulk: one `syncfs(2)` of a folder's file system instead
//! of an `fsync` per file. A sync costs milliseconds, so writing thousands
//! of files one sync each was most of an import's time and of a web
//! edition's; the callers write unsynced, then flush once before the
//! rename that makes the files visible.

use std::path::Path;

/// Flushes the whole file system that `dir` is on; `Ok(false)` where the
/// system has no such call (the caller then syncs file by file).
pub fn sync_file_system(dir: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let folder = std::fs::File::open(dir)?;
        // SAFETY: `syncfs` takes an open descriptor, which `folder` holds
        // for the length of the call, and reads no memory of ours.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } == 0 {
            return Ok(true);
        }
        Err(std::io::Error::last_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        Ok(false)
    }
}
