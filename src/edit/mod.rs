//! Editing the register: the archivist's side, which writes register
//! files rather than reading them.
//!
//! [`add`] drafts a new instrument file from flags or answers, validates it
//! with the very rules `check` applies, and writes it without ever
//! overwriting; [`record`] adds one act (or the UN registration) to an
//! entry, leaving every other byte of the file as it was, and [`acts`]
//! corrects or removes one; [`withdraw`] marks an entry withdrawn the same
//! way; [`fields`] changes values of an entry as text, by path, and
//! [`amend`] is what `edit` may change with it; [`ids`] knows every id
//! ever used, so that none is given out twice; [`entry`] is how all of
//! them check and write an entry's text; [`init`] creates a new project
//! with the default templates;
//! [`prompt`] asks at a terminal; [`synth`] generates valid synthetic
//! registers of any size for benchmarks and scale tests. Depends on
//! [`crate::register`], [`crate::support`] and, for the ids archived
//! editions published, [`crate::audit`].

pub mod acts;
pub mod add;
pub mod amend;
pub mod entry;
pub mod fields;
pub mod ids;
pub mod import;
pub mod init;
pub mod notify;
pub mod prompt;
pub mod record;
pub mod synth;
pub mod withdraw;
