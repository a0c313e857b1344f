//! `treaty-register notification ID --act N | --all-pending [--date D]`:
//! each act gets the next number of D's year, stored on the act under the
//! instrument folder's lock (the PDF typeset from the entry as it will be
//! written, before it is), then the PDF is written atomically to
//! `out/notifications/<NUMBER>.pdf`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::cli::{Config, NotificationArgs};
use crate::edit::entry::{self, Refusal};
use crate::error::{Error, Result};
use crate::publish::documents::paper::Paper;
use crate::publish::documents::{self, Issue, notification};
use crate::publish::locale::Locale;
use crate::publish::out;
use crate::register::date::PartialDate;
use crate::register::excerpt::{self, Excerpt};
use crate::register::load;
use crate::register::model::Meta;

pub fn run(config: &Config, args: NotificationArgs) -> Result<()> {
    let first = super::documents::excerpt(config, &args.id, true)?;
    let meta = first.register.meta.clone();
    let date = args.date.unwrap_or(meta.as_of);
    super::validate_as_of(&first.register, Some(date))?;
    let loc = documents::language(&first, args.paper.lang.as_deref())?;
    let acts = match args.act {
        Some(n) => vec![n],
        None => notification::pending(first.entry(), date),
    };
    if acts.is_empty() {
        super::say(
            config,
            &format!(
                "no act of {} dated by {date} is waiting for its notification",
                first.id
            ),
        );
        return Ok(());
    }
    // Refused before typst is even looked for.
    if let Some(refused) = notification::refusal(&meta, first.entry(), acts[0], date) {
        return Err(refused);
    }
    let press = super::documents::paper(config, &args.paper)?;
    for n in acts {
        let (number, dest) = issue(
            config,
            &press.paper(),
            &first.id,
            n,
            date,
            loc,
            args.out.as_deref(),
        )?;
        super::say(
            config,
            &format!(
                "{}: notification {number} of act #{n} of {}",
                dest.display(),
                first.id
            ),
        );
    }
    Ok(())
}

/// Numbers act `n` of entry `id`, stores the number on the act and writes
/// the notification's PDF; its number and file.
fn issue(
    config: &Config,
    paper: &Paper,
    id: &str,
    n: u32,
    date: PartialDate,
    loc: &Locale,
    out_file: Option<&Path>,
) -> Result<(String, PathBuf)> {
    let (meta, meta_sha) = load::meta_and_digest(&config.root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems; run `treaty-register check`".into(),
    })?;
    let failure: RefCell<Option<Error>> = RefCell::new(None);
    let outcome = entry::rewrite(&config.root, id, meta.as_of, false, |old| {
        match stamped(config, (&meta, &meta_sha), id, old, n, date, paper, loc) {
            Ok(done) => Ok(done),
            Err(Stamp::Refused(r)) => Err(r),
            Err(Stamp::Failed(e)) => {
                *failure.borrow_mut() = Some(e);
                Err(Refusal::Layout(String::new(), String::new()))
            }
        }
    })?;
    if let Some(e) = failure.into_inner() {
        return Err(e);
    }
    let rel = Path::new(load::INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let (_, _, (number, pdf)) = super::or_refused(&config.root, &rel, outcome)?;
    let dest = out_file.map_or_else(
        || {
            config
                .root
                .join("out")
                .join("notifications")
                .join(notification::file_name(&number))
        },
        Path::to_path_buf,
    );
    super::documents::create_parent(&dest)?;
    out::write_atomic(&dest, &pdf)?;
    Ok((number, dest))
}

enum Stamp {
    Refused(Refusal),
    Failed(Error),
}

impl From<Error> for Stamp {
    fn from(e: Error) -> Stamp {
        Stamp::Failed(e)
    }
}

/// Under the folder's lock: the entry's new text with act `n`'s number,
/// the number, and the notification's PDF typeset from that text.
#[allow(clippy::too_many_arguments)]
fn stamped(
    config: &Config,
    (meta, meta_sha): (&Meta, &str),
    id: &str,
    old: &str,
    n: u32,
    date: PartialDate,
    paper: &Paper,
    loc: &Locale,
) -> std::result::Result<(String, (String, Vec<u8>)), Stamp> {
    let current = sound(config, (meta, meta_sha), id, old)?;
    if let Some(refused) = notification::refusal(meta, current.entry(), n, date) {
        return Err(Stamp::Failed(refused));
    }
    // Every entry is read, under the lock, so that no number is given twice.
    let loaded = load::load(&config.root, &config.limits)?;
    let register = match loaded.register {
        Some(r) if loaded.diagnostics.is_empty() => r,
        _ => {
            return Err(Stamp::Failed(Error::Problems {
                summary: "the register has problems, and a notification number is given only when every entry \
                          can be read (run `treaty-register check`)"
                    .into(),
            }));
        }
    };
    let numbering = meta.notifications.clone().unwrap_or_default();
    let number = notification::next_number(&register, &numbering, date);
    let new = crate::edit::notify::stamp(old, n, &number, date).map_err(Stamp::Refused)?;
    let with_number = sound(config, (meta, meta_sha), id, &new)?;
    let issue = Issue {
        id: id.to_owned(),
        as_of: date.to_string(),
        edition: None,
        attachments: Default::default(),
        act: Some(n),
    };
    let (pdf, _) = notification::typeset(paper, &with_number, issue, loc, Some(&new))?;
    Ok((new, (number, pdf)))
}

/// The entry of `text`, checked, with what it needs.
fn sound(
    config: &Config,
    (meta, meta_sha): (&Meta, &str),
    id: &str,
    text: &str,
) -> std::result::Result<Excerpt, Stamp> {
    excerpt::of_text(
        &config.root,
        (meta.clone(), meta_sha.to_owned()),
        id.to_owned(),
        text,
        true,
    )?
    .map_err(|u| Stamp::Refused(Refusal::Problems(text.to_owned(), u.problems)))
}
