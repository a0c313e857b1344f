//! Reading the register: files → validated model.
//!
//! This is the bottom layer of the tool; every command starts here and
//! nothing here knows about PDFs, manifests or prompts. The flow is
//! [`load`] (the file gate, then [`yaml`] into a tree whose every node
//! knows its line and column, then [`decode`] into the [`model`], applying
//! the per-field rules) → [`check`] (the rules that need the whole
//! register, including the treaty-law rules of [`treaty_law`]).
//! [`lifecycle`] derives the status of an instrument and of each party as
//! of any date from the recorded acts. Problems are collected as [`diagnostic`]s, so one run
//! reports them all; [`invisible`] names the characters a diagnostic
//! spells out. [`date`] and [`codes`] are the value types and code
//! lists the rules rely on; [`schema`] is the same format as JSON Schema,
//! for editors. [`find`] selects instruments by party, status, dates and
//! words (`list`'s filters); [`excerpt`] reads one entry and what it needs
//! for a document issued from it. `generated/` holds the tables that scripts
//! make (ISO codes and names, the fonts' coverage): data, not code.

pub mod check;
pub mod codes;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod excerpt;
pub mod find;
mod generated;
pub mod glyphs;
pub mod invisible;
pub mod journal;
pub mod lifecycle;
pub mod load;
pub mod model;
pub mod schema;
pub mod show;
pub mod suggest;
pub mod treaty_law;
pub mod yaml;
