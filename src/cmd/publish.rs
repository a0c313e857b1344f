//! `treaty-register publish`: the next edition, checked, built, signed,
//! archived in `editions/NNNN/`, and published in `out/`.
//!
//! Nothing is written until everything that can fail has been checked: the
//! register, the archive of earlier editions, the key and its place in
//! `register/allowed_signers`, whether anything changed, the build and the
//! signature. Then the edition is archived whole (or not at all), and only
//! then does `out/` switch to it.

use crate::support::statcache::StatCache;
use std::path::Path;

use crate::audit::editions;
use crate::audit::inputs::{self, InputFile};
use crate::audit::manifest::SignerInfo;
use crate::audit::signature::{self, KeySource, SigningKey};
use crate::audit::signers;
use crate::cli::{Config, PublishArgs};
use crate::error::{Error, Result};
use crate::publish::build::{self, Layout};
use crate::publish::edition::{self, Contents, Plan};
use crate::publish::typst;
use crate::register::model::Register;

pub fn run(config: &Config, args: PublishArgs) -> Result<()> {
    let root = &config.root;
    let progress = super::Progress::new(config);
    progress.say("checking the register");
    let stat = StatCache::open(root);
    let checked = crate::register::check::run_cached(root, &config.limits, &stat)?;
    progress.clear();
    super::report(config, &checked)?;
    let register = checked.register.expect("a register without problems");
    // The key before anything is written: an unlisted key leaves no trace.
    let key = signing_key(root, &args, &register)?;
    let _lock = edition::lock(root)?;
    let previous = last_edition(root, &register)?;
    let layout = Layout::new(root, None, None)?;
    progress.say("hashing the inputs");
    let mut files = inputs::register_files(root, &register, &stat)?;
    files.extend(inputs::template_files(
        root,
        &layout.templates_dir(),
        &stat,
    )?);
    if let Some(p) = &previous
        && unchanged(&p.manifest.files, &files)
    {
        progress.clear();
        // A publish killed after archiving left `out/` behind: catch up.
        if restore_out(root, &layout.out_dir(), p)? {
            super::say(
                config,
                &format!(
                    "out/ did not hold edition {} yet: restored it from the archive",
                    p.number
                ),
            );
            return Ok(());
        }
        return Err(Error::Usage {
            message: format!(
                "nothing to publish: the register and templates are as edition {} published them",
                p.number
            ),
            hint: Some("record or change something first; nothing was written".into()),
        });
    }
    let signer = SignerInfo {
        principal: key.principal.clone(),
        key: key.fingerprint(),
    };
    let plan = Plan::next(root, previous.as_ref(), &register, &files, signer);
    let typst = typst::locate(args.typeset.typst.as_deref(), &mut |m| {
        super::say(config, m)
    })?;
    let say = |message: &str| progress.say(message);
    let reuse = crate::publish::reuse::Reuse::open(root, &layout.out_dir(), true);
    let settings = build::Settings {
        edition: Some(&plan),
        reuse: Some(&reuse),
        ..super::typeset_settings(&args.typeset, typst::DEFAULT_PDF_STANDARD, &say, &stat)
    };
    let built = build::build(&register, &layout, &typst, &settings)?;
    progress.say("signing and archiving");
    let sha256sum = built.manifest.to_sha256sum();
    let sig = key.sign(sha256sum.as_bytes()).map_err(signing)?;
    let json = built.manifest.to_json();
    let contents = Contents {
        sha256sum: &sha256sum,
        json: &json,
        signature: &sig,
        pdfs: &built.pdfs,
        spool: &built.spool,
        sources: edition::new_sources(previous.as_ref(), &files),
    };
    let folder = edition::archive(root, plan.number, &contents, &built.manifest.files)?;
    super::build::publish_unit(&layout.out_dir(), &built, &sha256sum, Some(&sig))?;
    stat.save();
    reuse.save();
    progress.clear();
    typst::show_warnings(&built.warnings);
    if !config.quiet {
        super::print(&summary(root, &plan, &folder))?;
    }
    Ok(())
}

/// Publishes edition `p`'s files from the archive into `out/` when a
/// publish was killed before `out/` switched to it; `false` otherwise.
fn restore_out(root: &Path, out: &Path, p: &editions::Archived) -> Result<bool> {
    // Only what a killed publish leaves: `out/` empty, or holding an
    // earlier edition. A build made since (a draft) is the user's to keep:
    // then there is nothing to publish, and nothing is written.
    let behind = match std::fs::read_to_string(out.join(crate::audit::manifest::JSON_FILE)) {
        Err(_) => true,
        Ok(text) => crate::audit::manifest::parse_json(&text)
            .ok()
            .and_then(|(m, _)| m.edition)
            .is_some_and(|e| e.number < p.number),
    };
    if !behind {
        return Ok(false);
    }
    let folder = editions::folder(root, p.number);
    let read = |name: &str| {
        std::fs::read(folder.join(name)).map_err(|source| Error::Read {
            path: folder.join(name),
            source,
        })
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for pdf in p.manifest.pdfs() {
        let name = pdf.path.rsplit('/').next().unwrap_or(&pdf.path).to_owned();
        let bytes = read(&name)?;
        files.push((name, bytes));
    }
    for name in [
        crate::audit::manifest::SHA256_FILE,
        crate::audit::manifest::JSON_FILE,
        editions::SIG_FILE,
    ] {
        files.push((name.to_owned(), read(name)?));
    }
    let unit: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    crate::publish::out::publish_unit(out, &unit, None)?;
    Ok(true)
}

fn signing(e: signature::KeyError) -> Error {
    Error::Signing {
        message: e.message,
        hint: e.hint,
    }
}

/// The latest archived edition, after checking the whole archive: nothing
/// is added to a chain that is already broken.
fn last_edition(root: &Path, register: &Register) -> Result<Option<editions::Archived>> {
    let reports = editions::audit(root);
    if let Some(bad) = reports.iter().find(|r| !r.problems.is_empty()) {
        return Err(Error::Usage {
            message: format!(
                "edition {} in {}/ has problems: {}; nothing was published",
                bad.number,
                editions::DIR,
                bad.problems.join("; ")
            ),
            hint: Some("run `treaty-register verify` for the whole report; archived editions are never rewritten, so restore the archive from a copy".into()),
        });
    }
    let Some(last) = reports.last() else {
        return Ok(None);
    };
    let archived = editions::read(root, last.number).map_err(|e| Error::Usage {
        message: format!("edition {}: {e}", last.number),
        hint: None,
    })?;
    if let Some(date) = editions::date(&archived.manifest)
        && register.meta.as_of < date
    {
        return Err(Error::Usage {
            message: format!(
                "the register's as_of ({}) is before edition {}'s date ({date})",
                register.meta.as_of, archived.number
            ),
            hint: Some("an edition is dated by register.yaml's `as_of`, which may equal but not precede the previous edition's".into()),
        });
    }
    Ok(Some(archived))
}

/// The key, allowed by `register/allowed_signers` for the edition's date.
fn signing_key(root: &Path, args: &PublishArgs, register: &Register) -> Result<SigningKey> {
    let path = root.join(signers::FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Signing {
        message: format!("cannot read {} ({e}); nothing was written", signers::FILE),
        hint: format!(
            "list who may sign editions there, one line per key in OpenSSH's allowed-signers \
             format, e.g. `treaty@mfa.example namespaces=\"{}\" ssh-ed25519 AAAA…`",
            signers::NAMESPACE
        ),
    })?;
    let allowed = signers::parse(&text).map_err(|why| Error::Signing {
        message: why,
        hint: "see ALLOWED SIGNERS in ssh-keygen(1) for the format".into(),
    })?;
    let source = match &args.key {
        Some(path) => KeySource::File(path.clone()),
        None => KeySource::Agent,
    };
    signature::signing_key(
        &source,
        &allowed,
        args.principal.as_deref(),
        register.meta.as_of,
        &|path| rpassword::prompt_password(format!("Passphrase for {}: ", path.display())),
    )
    .map_err(signing)
}

/// Whether the register and templates are what edition `before` published.
fn unchanged(before: &[InputFile], now: &[InputFile]) -> bool {
    let inputs = |files: &[InputFile]| {
        let mut v: Vec<(String, String)> = files
            .iter()
            .filter(|f| f.role != inputs::Role::Output)
            .map(|f| (f.path.clone(), f.sha256.clone()))
            .collect();
        v.sort();
        v
    };
    inputs(before) == inputs(now)
}

fn summary(root: &Path, plan: &Plan, folder: &Path) -> String {
    let changes = plan.changes.iter().filter(|c| c.kind != "general").count();
    let what = match plan.previous {
        None => "the first edition".to_owned(),
        Some(_) => format!(
            "{changes} instrument{} changed since edition {}",
            if changes == 1 { "" } else { "s" },
            plan.number - 1
        ),
    };
    format!(
        "published edition {} of {}, signed by {} ({}): {what}\narchived in {}\n",
        plan.number,
        plan.date.long(),
        plan.signer.principal,
        plan.signer.key,
        folder.strip_prefix(root).unwrap_or(folder).display()
    )
}
