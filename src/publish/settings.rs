//! How a build runs: typst's settings, the split into volumes, the date
//! shown, the edition, and what may be taken from the last build. Raw
//! arguments become these before any work starts.

use std::path::Path;

use crate::publish::edition::Plan;
use crate::publish::reuse::Reuse;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::Register;
use crate::support::statcache::StatCache;

/// A path with `/` separators, as manifests write them.
pub fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// How typst is to run, and how the register is split.
pub struct Settings<'a> {
    pub pdf_standard: &'a str,
    pub timeout: std::time::Duration,
    /// Registers with more entries than this are published in volumes.
    pub volume_size: usize,
    /// How many typst processes may run at once.
    pub jobs: usize,
    /// Told what is happening, for progress on a terminal.
    pub progress: &'a (dyn Fn(&str) + Sync),
    /// Publish the register as it stood on this date (`--as-of`), not as of
    /// its own `as_of`.
    pub as_of: Option<PartialDate>,
    /// Set when the build makes a published edition (`publish`).
    pub edition: Option<&'a Plan>,
    /// Also write the web edition, `out/html/`.
    pub html: bool,
    /// Digests of unchanged files from the last build (`verify` passes an
    /// empty one: an audit reads every byte).
    pub stat: &'a StatCache,
    /// PDFs of the last build to take where their sources are unchanged
    /// (`None`: typeset everything, keep nothing — `verify --rebuild`).
    pub reuse: Option<&'a Reuse>,
    /// Where the outputs are written as they are made.
    pub spool: SpoolIn,
    /// Seal every PDF (`publish --seal-key …`).
    pub seal: Option<&'a crate::publish::seal::Sealer>,
}

/// Where a build writes its outputs before they are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpoolIn {
    /// A hidden folder of `out/`, moved into the unit when it is published.
    Out,
    /// The system's temporary folder: `verify --rebuild` compares what it
    /// makes and writes nothing into `out/`.
    Temp,
}

impl Settings<'_> {
    /// The register as the documents show it: without its withdrawn
    /// entries (listed apart), as of `as_of` when given.
    pub(super) fn shown<'r>(&self, register: &'r Register) -> std::borrow::Cow<'r, Register> {
        let live = register.live();
        match self.as_of {
            Some(d) => std::borrow::Cow::Owned(lifecycle::as_of(&live, d)),
            None => live,
        }
    }

    /// Whether `register` is published in volumes, and of how many entries.
    pub(super) fn volume_size(&self, register: &Register) -> Option<usize> {
        (register.instruments.len() > self.volume_size).then_some(self.volume_size)
    }
}
