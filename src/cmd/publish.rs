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

use crate::audit::inputs;
use crate::audit::manifest::SignerInfo;
use crate::audit::signature::{self, KeySource, SigningKey};
use crate::audit::signers::Moment;
use crate::cli::{Config, PublishArgs};
use crate::error::{Error, Result};
use crate::publish::build::{self, Layout};
use crate::publish::edition::{self, Contents, Plan};
use crate::publish::next;
use crate::publish::typst;
use crate::register::model::Register;

pub fn run(config: &Config, args: PublishArgs) -> Result<()> {
    let root = &config.root;
    let progress = super::Progress::new(config);
    progress.say("checking the register");
    let stat = StatCache::open(root);
    let checked = super::check_project(config, &stat)?;
    progress.clear();
    super::report(config, &checked)?;
    let register = checked.register.expect("a register without problems");
    // The key and the seal before anything is written: an unlisted key
    // or an untrusted seal leaves no trace.
    let key = signing_key(root, &args, &register)?;
    let sealer = super::documents::sealer(config, &args.seal, true)?;
    let _lock = edition::lock(root)?;
    let previous = next::last_edition(root, &register)?;
    let layout = Layout::new(root, None, None)?;
    progress.say("hashing the inputs");
    let mut files = inputs::register_files(root, &register, &stat)?;
    files.extend(inputs::template_files(
        root,
        &layout.templates_dir(),
        &stat,
    )?);
    if let Some(p) = &previous
        && next::unchanged(&p.manifest.files, &files)
    {
        progress.clear();
        // A publish killed after archiving left `out/` behind: catch up.
        if next::restore_out(root, &layout.out_dir(), p)? {
            edition::write_latest(root, p.number, &p.sha256_text)?;
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
        html: args.web.wanted(register.meta.outputs),
        reuse: Some(&reuse),
        seal: sealer.as_ref(),
        ..super::typeset_settings(&args.typeset, typst::DEFAULT_PDF_STANDARD, &say, &stat)
    };
    let mut built = build::build(&register, &layout, &typst, &settings)?;
    progress.say("signing and archiving");
    let sha256sum = built.manifest.to_sha256sum();
    let sig = key.sign(sha256sum.as_bytes()).map_err(signing)?;
    let timestamp = stamp_manifest(config, &args.seal, &sha256sum)?;
    built.manifest.seal = sealer.as_ref().map(|s| s.info());
    built.manifest.timestamp = match (&args.seal.tsa, &timestamp) {
        (Some(url), Some(reply)) => {
            crate::publish::seal::tsa::time_of_response(reply).map(|time| {
                crate::audit::manifest::TimestampInfo {
                    tsa: url.clone(),
                    time,
                }
            })
        }
        _ => None,
    };
    let json = built.manifest.to_json();
    let contents = Contents {
        sha256sum: &sha256sum,
        json: &json,
        signature: &sig,
        timestamp: timestamp.as_deref(),
        outputs: &built.spool.files,
        spool: &built.spool,
        sources: edition::new_sources(previous.as_ref(), &files),
    };
    let folder = edition::archive(root, plan.number, &contents, &built.manifest.files)?;
    edition::write_latest(root, plan.number, &sha256sum)?;
    super::build::publish_unit(&layout.out_dir(), &built, &sha256sum, Some(&sig), &stat)?;
    stat.save();
    reuse.save();
    progress.clear();
    typst::show_warnings(&built.warnings);
    if !config.quiet {
        super::print(&summary(root, &plan, &folder))?;
    }
    Ok(())
}

/// With `--tsa`, the TSA's RFC 3161 reply over `manifest.sha256`
/// (`manifest.tsr`): proof that the edition existed at the token's time,
/// whatever date the register states.
fn stamp_manifest(
    config: &Config,
    args: &crate::cli::SealArgs,
    sha256sum: &str,
) -> Result<Option<Vec<u8>>> {
    let Some(url) = &args.tsa else {
        return Ok(None);
    };
    let digest = crate::support::digest::sha256_raw(sha256sum.as_bytes());
    let (reply, token) = crate::publish::seal::tsa::response(url, &digest)?;
    let trust = super::documents::tsa_trust(config)?;
    crate::publish::seal::trusted_token(&token, &digest, &trust, url)?;
    Ok(Some(reply))
}

fn signing(e: signature::KeyError) -> Error {
    Error::Signing {
        message: e.message,
        hint: e.hint,
    }
}

/// The key, allowed by `register/allowed_signers` at the edition's date and
/// now, the moment it signs (design, seals.md "Time"): a key outside its
/// window today signs nothing, whatever date the register gives.
fn signing_key(root: &Path, args: &PublishArgs, register: &Register) -> Result<SigningKey> {
    let source = match &args.key {
        Some(path) => KeySource::File(path.clone()),
        None => KeySource::Agent,
    };
    let moments = [
        Moment::edition(register.meta.as_of),
        Moment {
            at: crate::support::clock::now_seconds(),
            what: format!(
                "the day it signs ({} UTC)",
                crate::support::clock::today_utc()
            ),
        },
    ];
    signature::project_key(
        root,
        &source,
        args.principal.as_deref(),
        &moments,
        &|path| rpassword::prompt_password(format!("Passphrase for {}: ", path.display())),
    )
    .map_err(signing)
}

fn summary(root: &Path, plan: &Plan, folder: &Path) -> String {
    let what = match plan.previous {
        None => "the first edition".to_owned(),
        Some(_) => format!(
            "{} since edition {}",
            crate::publish::changes::counted(&plan.changes),
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
