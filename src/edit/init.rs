//! Creating a new register project: the folders, a `register.yaml`, and
//! the default template set, which is embedded in the binary so that
//! `init` works from an installed `treaty-register` with no checkout.
//!
//! The project is assembled in a hidden folder beside the destination and
//! renamed into place when complete.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

pub use crate::support::templates::TEMPLATES;

/// `register/allowed_signers` of a new project: no signer yet, the format
/// explained where the keepers will add the first one.
pub const ALLOWED_SIGNERS: &str = "\
# Who may sign this register's editions: one line per key, in OpenSSH's
# allowed-signers format (ALLOWED SIGNERS in ssh-keygen(1)):
#
#   PRINCIPAL namespaces=\"treaty-register\"[,valid-after=\"YYYYMMDD\"][,valid-before=\"YYYYMMDD\"] ssh-ed25519 KEY [COMMENT]
#
# for example
#
#   treaty@mfa.example namespaces=\"treaty-register\",valid-after=\"20250101\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... head of the treaty department
#
# `treaty-register publish --key FILE` prints the exact line for a key that
# is not listed yet. This file is part of every edition's manifest: who
# could sign is published with what was signed.
";

pub const GITIGNORE: &str = "/out/*\n!/out/.gitkeep\n/.treaty-register/\n";

#[derive(Serialize)]
pub struct NewRegister {
    pub title: String,
    pub as_of: String,
    pub language: String,
    pub id_prefix: String,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// The text of `register/register.yaml` for a new register.
pub fn register_yaml(register: &NewRegister) -> String {
    format!(
        "# The register's own metadata. Add `subtitle`, `series`, `authority` and\n\
         # `foreword` as they become known. Every field is described in docs/format.md\n\
         # of treaty-register's source; `treaty-register check` says what is wrong\n\
         # and how to fix it, and schema/instrument.schema.json lets editors check\n\
         # instrument files as you type.\n{}",
        serde_yaml::to_string(register).expect("metadata serializes")
    )
}

/// Creates the project in `dir`, which must not exist or be empty.
pub fn create(dir: &Path, register: &NewRegister) -> Result<()> {
    if fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) || dir.is_file() {
        return Err(Error::DestNotEmpty {
            what: "register project",
            path: dir.to_path_buf(),
        });
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    crate::support::stale::sweep(&parent, ".init-");
    let staging = tempfile::Builder::new()
        .prefix(".init-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let claim = crate::support::stale::claim(staging.path()).map_err(io(staging.path()))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            "register/register.yaml".into(),
            register_yaml(register).into_bytes(),
        ),
        ("register/instruments/.gitkeep".into(), Vec::new()),
        (
            crate::audit::signers::FILE.into(),
            ALLOWED_SIGNERS.as_bytes().to_vec(),
        ),
        ("out/.gitkeep".into(), Vec::new()),
        (".gitignore".into(), GITIGNORE.as_bytes().to_vec()),
        (
            "schema/instrument.schema.json".into(),
            crate::register::schema::INSTRUMENT_SCHEMA
                .as_bytes()
                .to_vec(),
        ),
        (
            "schema/register.schema.json".into(),
            crate::register::schema::REGISTER_SCHEMA.as_bytes().to_vec(),
        ),
    ];
    for (name, bytes) in TEMPLATES {
        files.push((Path::new("templates").join(name), bytes.to_vec()));
    }
    for (rel, bytes) in &files {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, bytes).map_err(io(&path))?;
    }
    #[cfg(unix)]
    fs::set_permissions(
        staging.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .map_err(io(staging.path()))?;
    crate::support::fault::point("init:staged");
    drop(claim);
    fs::remove_file(staging.path().join(".lock")).map_err(io(staging.path()))?;
    if dir.is_dir() {
        fs::remove_dir(dir).map_err(io(dir))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, dir).map_err(io(dir))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded set must be exactly the shipped `templates/` folder.
    #[test]
    fn embedded_templates_match_the_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = Vec::new();
        fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    let rel = path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push((rel, fs::read(&path).unwrap()));
                }
            }
        }
        walk(&root, &root, &mut on_disk);
        on_disk.sort();
        let embedded: Vec<(String, Vec<u8>)> = TEMPLATES
            .iter()
            .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
            .collect();
        assert_eq!(
            embedded.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            on_disk.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
        );
        assert!(
            embedded == on_disk,
            "an embedded template differs from templates/"
        );
    }
}
