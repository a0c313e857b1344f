//! Auditing: what makes the published register checkable by anyone.
//!
//! [`inputs`] lists the files a build reads with their digests and
//! condenses them into the *register digest*; [`manifest`] writes and reads
//! the `sha256sum` and JSON manifests; [`verify`] re-hashes published files
//! against a manifest without letting the manifest steer it, and [`unit`]
//! audits the whole published unit that way (manifests, files, editions),
//! reading the archive of editions through [`archive`], which follows no
//! link and waits on no FIFO; [`bag`]
//! exports the unit as a BagIt bag for archives. Depends only on
//! [`crate::register`] and [`crate::support`], so the publishing layer can
//! use these formats and `verify` can audit without building.

pub mod archive;
pub mod bag;
pub mod editions;
pub mod inputs;
pub mod manifest;
pub mod pdf;
pub mod seal;
pub mod signature;
pub mod signers;
pub mod unit;
pub mod verify;
