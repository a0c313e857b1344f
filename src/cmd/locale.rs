//! `treaty-register locale new LANG` and `locale check`: the project's
//! message catalogues for translators (the files are `publish::catalogue`'s).

use crate::cli::{Config, LocaleAction, LocaleArgs};
use crate::error::{Error, Result};
use crate::publish::catalogue;

pub fn run(config: &Config, args: LocaleArgs) -> Result<()> {
    match args.action {
        LocaleAction::New(a) => new(config, &a.lang),
        LocaleAction::Check(_) => check(config),
    }
}

fn new(config: &Config, lang: &str) -> Result<()> {
    if let Some((message, hint)) = catalogue::refuse_new(lang) {
        return Err(Error::Usage {
            message,
            hint: Some(hint),
        });
    }
    let rel = catalogue::path_of(lang);
    let created = catalogue::create(&config.root, lang).map_err(|source| Error::Write {
        path: config.root.join(&rel),
        source,
    })?;
    if !created {
        return Err(Error::Usage {
            message: format!("{} exists already", rel.display()),
            hint: Some(
                "`treaty-register locale check` shows what is left to translate in it".into(),
            ),
        });
    }
    if !config.quiet {
        super::print(&format!(
            "wrote {}: every message in English, for a translator\n\
             next: translate it, set `language: {lang}` (or add `{lang}` to `translations`) in register/register.yaml, and `treaty-register check`\n",
            rel.display()
        ))?;
    }
    Ok(())
}

fn check(config: &Config) -> Result<()> {
    let all = catalogue::progress(&config.root);
    if all.is_empty() {
        return super::print(
            "the project has no catalogues of its own (locales/*.ftl); `treaty-register locale new LANG` writes one\n",
        );
    }
    let mut out = String::new();
    for p in &all {
        let done = p.total - p.missing.len() - p.english.len();
        out.push_str(&format!(
            "{} ({}): {done} of {} messages translated, {} as in English, {} missing\n",
            p.path,
            p.language,
            p.total,
            p.english.len(),
            p.missing.len()
        ));
        if !p.english.is_empty() {
            out.push_str(&format!("  as in English: {}\n", p.english.join(", ")));
        }
        if !p.missing.is_empty() {
            out.push_str(&format!("  missing: {}\n", p.missing.join(", ")));
        }
    }
    super::print(&out)
}
