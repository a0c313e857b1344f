//! `treaty-register build`: check, build, publish the unit — or nothing,
//! when nothing changed since the last build.

use crate::audit::manifest::{JSON_FILE, SHA256_FILE};
use crate::cli::{BuildArgs, Config};
use crate::error::Result;
use crate::publish::build::{self, Layout};
use crate::publish::{out, typst};
use crate::support::statcache::StatCache;

/// Writes the PDFs and manifests (and an edition's signature) into `out/`
/// as one unit, and tells `stat` the digests of the files published, so
/// that the next build need not read them to know they are intact.
pub(crate) fn publish_unit(
    out: &std::path::Path,
    built: &build::Built,
    sha256sum: &str,
    signature: Option<&str>,
    stat: &StatCache,
) -> Result<()> {
    let json = built.manifest.to_json();
    let mut unit: Vec<(&str, &[u8])> = vec![
        (SHA256_FILE, sha256sum.as_bytes()),
        (JSON_FILE, json.as_bytes()),
    ];
    if let Some(sig) = signature {
        unit.push((crate::audit::editions::SIG_FILE, sig.as_bytes()));
    }
    // The PDFs and web pages are in the spool.
    out::publish_unit(out, &unit, Some(&built.spool))?;
    crate::support::parallel::map(&built.spool.files, |(name, _, sha256)| {
        if let Some(seen) = built.spool.seen(name) {
            stat.remember(&out.join(name), sha256, &seen);
        }
    });
    Ok(())
}

pub fn run(config: &Config, args: BuildArgs) -> Result<()> {
    let progress = super::Progress::new(config);
    progress.say("checking the register");
    let stat = StatCache::open(&config.root);
    let checked = super::check_project(config, &stat)?;
    progress.clear();
    super::report(config, &checked)?;
    let register = checked
        .register
        .expect("a register without problems has been loaded");
    super::validate_as_of(&register, args.as_of)?;
    let layout = Layout::new(&config.root, args.templates.as_deref(), args.out.as_deref())?;
    let typst = typst::locate(args.typeset.typst.as_deref(), &mut |m| {
        super::say(config, m)
    })?;

    let say = |message: &str| progress.say(message);
    let reuse = crate::publish::reuse::Reuse::open(&config.root, &layout.out_dir(), !args.force);
    let settings = build::Settings {
        as_of: args.as_of,
        html: args.web.wanted(register.meta.outputs),
        reuse: Some(&reuse),
        ..super::typeset_settings(&args.typeset, &args.pdf_standard, &say, &stat)
    };
    let out = layout.out_dir();
    if !args.force && !args.keep_source && build::up_to_date(&register, &layout, &typst, &settings)?
    {
        out::tidy(&out)?;
        stat.save();
        progress.clear();
        if !config.quiet {
            super::print(&format!(
                "{} is up to date: nothing changed since the last build (--force rebuilds)\n",
                build::slash(&layout.out.join("register.pdf"))
            ))?;
        }
        return Ok(());
    }
    let built = build::build(&register, &layout, &typst, &settings)?;
    progress.say("publishing");
    let sha256sum = built.manifest.to_sha256sum();
    publish_unit(&out, &built, &sha256sum, None, &stat)?;
    stat.save();
    reuse.save();
    if args.keep_source {
        out::write_atomic(&out.join("register.typ"), built.source.as_bytes())?;
    }
    progress.clear();
    typst::show_warnings(&built.warnings);
    if !config.quiet {
        let count = built.shown;
        let volumes = built.manifest.volumes.len();
        super::print(&format!(
            "wrote {}{}{}: {count} instrument{}, {} files in the manifest, register digest {}\n",
            built.manifest.pdf.path,
            if volumes > 0 {
                format!(" and {volumes} volumes")
            } else {
                String::new()
            },
            if built.unchanged > 0 {
                format!(
                    " ({} of {} PDFs unchanged, not typeset again)",
                    built.unchanged,
                    built.pdfs.len()
                )
            } else {
                String::new()
            },
            if count == 1 { "" } else { "s" },
            built.manifest.files.len(),
            built.manifest.register_digest
        ))?;
    }
    Ok(())
}
