//! The project's caches under `.treaty-register/` (the stat cache, the
//! typeset keys, the feeds' revisions): text files written whole — a
//! temporary file beside the cache, renamed over it — and never synced.
//! A cache lost in a crash costs the next build work, never a wrong
//! output, so it is not worth an `fsync`.

use std::path::Path;

/// Replaces the cache at `path` with `text`, or leaves the old one if it
/// cannot (a cache that is not written is only work for next time).
pub fn save(path: &Path, text: &str) {
    let Some(dir) = path.parent() else {
        return;
    };
    let _ = std::fs::create_dir_all(dir);
    if let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir)
        && std::io::Write::write_all(&mut temp, text.as_bytes()).is_ok()
    {
        let _ = temp.persist(path);
    }
}
