//! `treaty-register registration ID [--lang L] [--out DIR]`: the folder
//! to submit to the UN Treaty Section, `out/registration/<ID>/`, written
//! whole beside its place and put there in one step; or the rule that
//! refuses it (exit 1).

use crate::cli::{Config, RegistrationArgs};
use crate::error::{Error, Result};
use crate::publish::documents::{self, Issue, registration};
use crate::support::digest;

pub fn run(config: &Config, args: RegistrationArgs) -> Result<()> {
    let excerpt = super::documents::excerpt(config, &args.id, true)?;
    let meta = &excerpt.register.meta;
    let entry = excerpt.entry();
    if let Some(refused) = registration::refusal(entry, meta.as_of) {
        return Err(refused);
    }
    let loc = documents::language(&excerpt, args.paper.lang.as_deref())?;
    let dest = args.out.clone().unwrap_or_else(|| {
        config
            .root
            .join("out")
            .join("registration")
            .join(&excerpt.id)
    });
    super::documents::folder_destination(config, &dest, registration::SUMS)?;
    let issue = Issue::of(&config.root, &excerpt, meta.as_of)?;
    let paper = super::documents::paper(config, &args.paper)?;
    let (pdf, _) = registration::typeset(&paper.paper(), &excerpt, issue.clone(), loc)?;
    let pdf_sha = digest::sha256_bytes(&pdf);
    let mut json = serde_json::to_string_pretty(&registration::data(&excerpt, &issue, &pdf_sha))
        .expect("the registration serializes");
    json.push('\n');
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (registration::PDF.to_owned(), pdf),
        (registration::JSON.to_owned(), json.into_bytes()),
    ];
    for t in registration::text_files(entry, &issue) {
        let bytes = std::fs::read(config.root.join(&t.path)).map_err(|source| Error::Read {
            path: config.root.join(&t.path),
            source,
        })?;
        // The copy must be the file the statement names.
        if digest::sha256_bytes(&bytes) != t.sha256 {
            return Err(Error::Usage {
                message: format!(
                    "{} changed while the folder was made; nothing was written",
                    t.path
                ),
                hint: Some("run the command again".into()),
            });
        }
        if t.name == registration::SUMS {
            return Err(Error::Refused {
                message: format!(
                    "a text file of `{}` is named {}, the name of the folder's list of digests",
                    excerpt.id, t.name
                ),
                hint: Some(
                    "rename the attachment under register/files/ and in the entry's `files`".into(),
                ),
            });
        }
        if files.iter().any(|(name, _)| *name == t.name) {
            return Err(Error::Usage {
                message: format!("two text files of `{}` are named {}", excerpt.id, t.name),
                hint: Some("give the attachments under register/files/ different names".into()),
            });
        }
        files.push((t.name, bytes));
    }
    super::documents::write_folder(&dest, &files, registration::SUMS)?;
    super::say(
        config,
        &format!(
            "{}: the submission of {} for registration under Article 102 ({} files; check them with `sha256sum -c {}` in the folder)",
            dest.display(),
            excerpt.id,
            files.len() + 1,
            registration::SUMS
        ),
    );
    Ok(())
}
