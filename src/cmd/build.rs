//! `treaty-register build`: check, build, publish the unit.

use crate::build::{self, Layout};
use crate::cli::{BuildArgs, Config};
use crate::error::Result;
use crate::manifest::{JSON_FILE, SHA256_FILE};
use crate::{publish, typst};

pub fn run(config: &Config, args: BuildArgs) -> Result<()> {
    let checked = crate::check::run(&config.root, &config.limits)?;
    super::report(config, &checked)?;
    let register = checked
        .register
        .expect("a register without problems has been loaded");
    let layout = Layout::new(&config.root, args.templates.as_deref(), args.out.as_deref())?;
    let typst = typst::locate(args.typst.as_deref(), &mut |m| super::say(config, m))?;

    let settings = build::Settings {
        pdf_standard: &args.pdf_standard,
        timeout: std::time::Duration::from_secs(args.typst_timeout),
    };
    let built = build::build(&register, &layout, &typst, &settings)?;
    typst::show_warnings(&built.warnings);

    let out = layout.out_dir();
    publish::publish_unit(
        &out,
        &[
            ("register.pdf", built.pdf),
            (SHA256_FILE, built.manifest.to_sha256sum().into_bytes()),
            (JSON_FILE, built.manifest.to_json().into_bytes()),
        ],
    )?;
    if args.keep_source {
        publish::write_atomic(&out.join("register.typ"), built.source.as_bytes())?;
    }
    if !config.quiet {
        let count = register.instruments.len();
        super::print(&format!(
            "wrote {}: {count} instrument{}, {} files in the manifest, register digest {}\n",
            built.manifest.pdf.path,
            if count == 1 { "" } else { "s" },
            built.manifest.files.len(),
            built.manifest.register_digest
        ))?;
    }
    Ok(())
}
