//! `treaty-register build`: check, render, compile, publish.

use crate::cli::{BuildArgs, Config};
use crate::error::Result;
use crate::{inputs, publish, render, typst};

pub fn run(config: &Config, args: BuildArgs) -> Result<()> {
    let root = &config.root;
    let checked = crate::check::run(root)?;
    super::report(config, &checked)?;
    let register = checked
        .register
        .expect("a register without problems has been loaded");

    let templates = args.templates.unwrap_or_else(|| root.join("templates"));
    let out = args.out.unwrap_or_else(|| root.join("out"));
    let mut say = |message: &str| super::say(config, message);
    let typst = typst::locate(args.typst.as_deref(), &mut say)?;

    let mut files = inputs::register_files(root, &register)?;
    files.extend(inputs::template_files(root, &templates)?);
    let context = render::context(&register, &files, &typst.version);
    let source = render::render(&templates, &context)?;

    let job = typst::Job {
        fonts: &templates.join("fonts"),
        timestamp: register.meta.as_of.unix_timestamp(),
        pdf_standard: &args.pdf_standard,
    };
    let compiled = typst.compile(&source, &job)?;
    typst::show_warnings(&compiled.warnings);

    std::fs::create_dir_all(&out).map_err(|source| crate::error::Error::Write {
        path: out.clone(),
        source,
    })?;
    let mut outputs = vec![(out.join("register.pdf"), compiled.pdf)];
    if args.keep_source {
        outputs.push((out.join("register.typ"), source.into_bytes()));
    }
    publish::publish(outputs)?;
    if !config.quiet {
        let pdf = out.join("register.pdf");
        super::print(&format!(
            "wrote {}: {} instruments, register digest {}\n",
            pdf.strip_prefix(".").unwrap_or(&pdf).display(),
            register.instruments.len(),
            context.checksums.register_digest
        ))?;
    }
    Ok(())
}
