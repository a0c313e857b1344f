//! Plumbing that every layer shares and that knows nothing of registers:
//! running work on every core ([`parallel`]), hashing ([`digest`]),
//! CSV cells that no spreadsheet runs as formulas ([`csv_cell`]),
//! recovering from killed runs ([`stale`]), writing the project's caches
//! ([`cache_file`]), flushing many written files
//! at once ([`durable`]), the fault points that the
//! crash tests stop a run at ([`fault`]), reading a small file that may
//! be a link or a FIFO ([`safe_read`]), the default template set
//! built into the binary ([`templates`]), and today's local date
//! ([`clock`]).
//!
//! Nothing here imports from the layers above, so any of them may use it.

pub mod cache_file;
pub mod clock;
pub mod csv_cell;
pub mod digest;
pub mod durable;
pub mod fault;
pub mod parallel;
pub mod pki;
pub mod safe_read;
pub mod stale;
pub mod statcache;
pub mod templates;
