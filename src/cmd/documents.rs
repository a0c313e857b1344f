//! What the commands that issue documents (`extract`, `registration`,
//! `notification`) share: the entry read and checked, problems shown as
//! `check` shows them, the template set and typst found.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::{Config, PaperArgs};
use crate::error::{Error, Result};
use crate::publish::documents::paper::Paper;
use crate::publish::typst::{self, Typst};
use crate::register::diagnostic::Renderer;
use crate::register::excerpt::{self, Excerpt};

/// Entry `id` and what a document of it needs, or the error that says why
/// none can be issued (its problems shown with their snippets).
pub(crate) fn excerpt(config: &Config, id: &str, attachments: bool) -> Result<Excerpt> {
    let loaded = excerpt::load(&config.root, id, attachments).map_err(|e| match e {
        // No document of an entry that does not exist: a refusal (exit 1).
        Error::UnknownId { .. } => Error::Refused {
            message: e.to_string(),
            hint: e.hint(),
        },
        e => e,
    })?;
    match loaded {
        Ok(excerpt) => Ok(excerpt),
        Err(unsound) => {
            let mut renderer = Renderer::new(&config.root);
            let rendered: String = unsound
                .problems
                .iter()
                .map(|d| renderer.render(d))
                .collect();
            let _ = anstream::stderr().lock().write_all(rendered.as_bytes());
            let n = unsound.problems.len();
            Err(Error::Problems {
                summary: format!(
                    "{} has {n} problem{}; no document was issued (`treaty-register check` lists every problem of the register)",
                    unsound.path.display(),
                    if n == 1 { "" } else { "s" }
                ),
            })
        }
    }
}

/// The template set and typst a document is typeset with.
pub(crate) struct Press {
    root: PathBuf,
    templates: PathBuf,
    typst: Typst,
    timeout: std::time::Duration,
}

impl Press {
    pub(crate) fn paper(&self) -> Paper<'_> {
        Paper {
            root: &self.root,
            templates: self.templates.clone(),
            typst: &self.typst,
            timeout: self.timeout,
        }
    }
}

pub(crate) fn paper(config: &Config, args: &PaperArgs) -> Result<Press> {
    let layout = crate::publish::build::Layout::new(&config.root, args.templates.as_deref(), None)?;
    let typst = typst::locate(args.typst.as_deref(), &mut |m| super::say(config, m))?;
    Ok(Press {
        root: config.root.clone(),
        templates: layout.templates,
        typst,
        timeout: std::time::Duration::from_secs(args.typst_timeout),
    })
}

/// The seal the options give, read and checked; `None` when not sealing.
/// A document's `--tsa` stamps its seal, so it needs one; `publish` also
/// stamps its manifest (`stamps_alone`).
pub(crate) fn sealer(
    config: &Config,
    args: &crate::cli::SealArgs,
    stamps_alone: bool,
) -> Result<Option<crate::publish::seal::Sealer>> {
    if args.tsa.is_some() && args.files().is_none() && !stamps_alone {
        return Err(Error::Usage {
            message: "--tsa time-stamps a seal, and no seal is given".into(),
            hint: Some("add --seal FILE.p12, or --seal-key KEY.pem --seal-cert CERT.pem".into()),
        });
    }
    let Some(files) = args.files() else {
        return Ok(None);
    };
    let sealer = crate::publish::seal::Sealer::new(&files, args.tsa.clone(), tsa_trust(config)?)?;
    trusted_seal(config, &sealer)?;
    Ok(Some(sealer))
}

/// The time-stamping authorities `register/allowed_tsa.pem` trusts.
pub(crate) fn tsa_trust(config: &Config) -> Result<Vec<x509_cert::Certificate>> {
    crate::audit::seal::trust_file(&config.root.join(crate::audit::seal::TSA_FILE)).map_err(|why| {
        Error::Usage {
            message: why,
            hint: Some("register/allowed_tsa.pem is a file of PEM certificates".into()),
        }
    })
}

/// Refuses a seal that `register/allowed_seals.pem` does not trust: what
/// the register publishes, its own `verify` must accept.
pub(crate) fn trusted_seal(config: &Config, sealer: &crate::publish::seal::Sealer) -> Result<()> {
    let list = config.root.join(crate::audit::seal::SEALS_FILE);
    let allowed = crate::audit::seal::trust_file(&list).map_err(|why| Error::Usage {
        message: why,
        hint: Some("register/allowed_seals.pem is a file of PEM certificates".into()),
    })?;
    if crate::audit::seal::trusted(&sealer.key.cert, &sealer.key.chain, &allowed) {
        return Ok(());
    }
    Err(Error::Signing {
        message: format!(
            "the seal {} is not trusted by register/allowed_seals.pem, so `verify` would refuse what it seals",
            sealer.key.cert.tbs_certificate.subject
        ),
        hint: "add the seal's certificate, or the certificate of the authority that issued it, to \
               register/allowed_seals.pem (PEM), as allowed_signers lists SSH keys"
            .into(),
    })
}

/// Creates the folder `dest` is to be written in.
pub(crate) fn create_parent(dest: &Path) -> Result<()> {
    match dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}

/// The register's own folders: no document is ever written into them.
const KEPT: [&str; 4] = ["register", "templates", "schema", "editions"];

/// `path` with its nearest existing ancestor resolved (symlinks followed),
/// so a path is compared with the project's folders as the system sees it.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

fn refused(dest: &Path, why: &str, hint: &str) -> Error {
    Error::Refused {
        message: format!("{} {why}; nothing was written", dest.display()),
        hint: Some(hint.to_owned()),
    }
}

/// Refuses `dest` when it is the project, holds it, or lies in one of the
/// register's own folders.
fn outside_sources(config: &Config, dest: &Path) -> Result<PathBuf> {
    let root = resolved(&config.root);
    let target = resolved(dest);
    let kept = KEPT.iter().find(|k| target.starts_with(root.join(k)));
    if root.starts_with(&target) || kept.is_some() {
        return Err(refused(
            dest,
            &match kept {
                Some(k) => {
                    format!("is in the project's {k}/ folder, which holds the register's sources")
                }
                None => "is the project folder or holds it".to_owned(),
            },
            "documents go under out/ (the default) or a folder of their own",
        ));
    }
    Ok(target)
}

/// Checks that a document's PDF may be written at `dest`: outside the
/// register's sources, not a folder, its parent a folder or yet to be
/// made, and not over a file that is not a PDF (nor over any file, unless
/// `overwrite`). Nothing is created: the caller does, as it writes.
pub(crate) fn file_destination(config: &Config, dest: &Path, overwrite: bool) -> Result<()> {
    outside_sources(config, dest)?;
    let ends_in_slash = dest.as_os_str().to_string_lossy().ends_with('/');
    match std::fs::metadata(dest) {
        Ok(m) if m.is_dir() || ends_in_slash => {
            return Err(refused(
                dest,
                "is a folder",
                "give --out a file name, e.g. DIR/extract.pdf",
            ));
        }
        Ok(_) if !overwrite => {
            return Err(refused(
                dest,
                "exists, and an issued document is never overwritten",
                "give --out another file, or move the existing one away first",
            ));
        }
        Ok(_) => {
            let mut head = [0u8; 5];
            let is_pdf = std::fs::File::open(dest)
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
                .is_ok()
                && &head == b"%PDF-";
            if !is_pdf {
                return Err(refused(
                    dest,
                    "exists and is not a PDF",
                    "give --out a new file name; only an earlier PDF is replaced",
                ));
            }
        }
        Err(_) if ends_in_slash => {
            return Err(refused(
                dest,
                "names a folder",
                "give --out a file name, e.g. DIR/extract.pdf",
            ));
        }
        Err(_) => {}
    }
    parent_is_folder(dest)
}

/// Refuses `dest` when the nearest of its parents that exists is not a
/// folder (`out/notifications` a file), before anything is written.
fn parent_is_folder(dest: &Path) -> Result<()> {
    let absolute = std::path::absolute(dest).unwrap_or_else(|_| dest.to_path_buf());
    match absolute.ancestors().skip(1).find(|a| a.exists()) {
        Some(existing) if !existing.is_dir() => Err(refused(
            dest,
            &format!("cannot be written: {} is not a folder", existing.display()),
            "move that file away, or give --out another place",
        )),
        _ => Ok(()),
    }
}

/// Checks that a folder of documents may be put at `dest`: outside the
/// register's sources, not a symbolic link or a file, and, where it
/// exists, holding only what a `SHA256SUMS` in it lists (a folder this
/// command made), so that replacing it loses nothing else.
pub(crate) fn folder_destination(config: &Config, dest: &Path, sums: &str) -> Result<()> {
    outside_sources(config, dest)?;
    let meta = match std::fs::symlink_metadata(dest) {
        Ok(meta) => meta,
        Err(_) => return parent_is_folder(dest),
    };
    if meta.file_type().is_symlink() {
        return Err(refused(
            dest,
            "is a symbolic link",
            "give --out the folder itself, or a new folder",
        ));
    }
    if !meta.is_dir() {
        return Err(refused(
            dest,
            "exists and is not a folder",
            "give --out a new folder, or move the file away",
        ));
    }
    let listed = std::fs::read_to_string(dest.join(sums)).unwrap_or_default();
    let listed: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, name)| name))
        .collect();
    let entries = std::fs::read_dir(dest).map_err(|source| Error::Read {
        path: dest.to_path_buf(),
        source,
    })?;
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut foreign: Vec<String> = names
        .iter()
        .filter(|name| *name != sums && !listed.contains(&name.as_str()))
        .cloned()
        .collect();
    // An empty folder, or what this command wrote before and nothing else
    // (an export of an empty register lists no file).
    if names.is_empty() || (dest.join(sums).is_file() && foreign.is_empty()) {
        return Ok(());
    }
    foreign.sort();
    let what = if foreign.is_empty() {
        format!("has no {sums}, so it is not a folder this command made")
    } else {
        format!(
            "holds files this command did not write ({})",
            foreign
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Err(refused(
        dest,
        &what,
        "give --out a new folder; a folder is replaced only when it holds what this command wrote there before, and nothing else",
    ))
}

/// Writes `files` and their digests (`sums_name`, as `sha256sum` writes
/// them) into a folder beside `dest`,
/// then puts it in `dest`'s place.
pub(crate) fn write_folder(
    dest: &Path,
    files: &[(String, Vec<u8>)],
    sums_name: &str,
) -> Result<()> {
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&parent).map_err(|source| Error::Write {
        path: parent.clone(),
        source,
    })?;
    // Its own prefix, claimed: `out/`'s `.staging-` folders are a build's,
    // which a build removes under its lock; these are swept when no live
    // process holds them.
    crate::support::stale::sweep(&parent, ".documents-");
    let staging = tempfile::Builder::new()
        .prefix(".documents-")
        .tempdir_in(&parent)
        .map_err(|source| Error::Write {
            path: parent.clone(),
            source,
        })?;
    let claim = crate::support::stale::claim(staging.path()).map_err(|source| Error::Write {
        path: staging.path().to_path_buf(),
        source,
    })?;
    // Published folders are for everyone to read (a temporary one is not).
    #[cfg(unix)]
    std::fs::set_permissions(
        staging.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .map_err(|source| Error::Write {
        path: staging.path().to_path_buf(),
        source,
    })?;
    let mut sums = String::new();
    for (name, bytes) in files {
        crate::publish::out::write_atomic(&staging.path().join(name), bytes)?;
        sums.push_str(&format!(
            "{}  {name}\n",
            crate::support::digest::sha256_bytes(bytes)
        ));
    }
    crate::publish::out::write_atomic(&staging.path().join(sums_name), sums.as_bytes())?;
    // The lock file is not published (unnamed before it is let go).
    std::fs::remove_file(staging.path().join(".lock")).map_err(|source| Error::Write {
        path: staging.path().to_path_buf(),
        source,
    })?;
    let staged = staging.keep();
    let replaced = crate::publish::out::replace_folder(&staged, dest).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staged);
    });
    drop(claim);
    replaced
}
