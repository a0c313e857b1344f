//! Publishing: validated model → render context → Typst source → PDF →
//! the published unit in `out/`.
//!
//! [`render`] turns the model into Typst source through minijinja templates
//! (register values only ever as Typst string literals); [`typst`] runs
//! typst-cli as a subprocess, installing the pinned version when needed;
//! [`build`] drives both, per volume and in parallel, and draws up the
//! manifests; [`out`] writes the unit into `out/` atomically; [`edition`]
//! archives a signed edition in `editions/NNNN/`, with the [`changes`]
//! since the one before, starting from the last one ([`next`]); [`web`] writes the web edition, `out/html/`,
//! its feeds dating corrected acts by the edition that corrected them
//! ([`revisions`]);
//! [`rebuild`] typesets a published register again, for `verify --rebuild`;
//! [`documents`] issues extracts, registration folders and notifications
//! from one entry. Depends on
//! [`crate::register`] for the model and on [`crate::audit`] for the digest
//! list and manifest formats that it publishes.

pub mod akn;
pub mod build;
pub mod cache;
pub mod catalogue;
pub mod changes;
pub mod documents;
pub mod edition;
pub mod embed;
pub mod events;
pub mod fonts;
pub mod locale;
pub mod next;
pub mod out;
pub mod rebuild;
pub mod render;
pub mod reuse;
pub mod revisions;
pub mod seal;
pub mod settings;
pub mod spool;
pub mod trace;
pub mod typeset;
pub mod typst;
pub mod web;
