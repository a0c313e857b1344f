//! `treaty-register notification ID --act N | --all-pending [--date D]`:
//! each act gets the next number of D's year, stored on the act under the
//! instrument folder's lock (the PDF typeset from the entry as it will be
//! written, before it is), then the PDF is written atomically to
//! `out/notifications/<NUMBER>.pdf`. `--reissue` typesets a stored
//! notification again (a PDF lost to a crash, or a copy in another
//! language) without touching the entry.

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
    if let Some(d) = args.date
        && meta.as_of.surely_before(d)
    {
        return Err(Error::Usage {
            message: format!(
                "--date {d} is after the register's status date {}",
                meta.as_of
            ),
            hint: Some(
                "a notification is dated on or before the register's `as_of` (register/register.yaml)".into(),
            ),
        });
    }
    let date = args.date.unwrap_or(meta.as_of);
    let loc = documents::language(&first, args.paper.lang.as_deref())?;
    if args.reissue {
        return reissue(config, &args, &first, loc);
    }
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
    let place = Place {
        out: args.out.as_deref(),
        suffix: documents::language_suffix(&first, loc),
    };
    for n in acts {
        let (number, dest) = issue(config, &press.paper(), &first.id, n, date, loc, &place)?;
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

/// Where a notification's PDF goes: `--out`, or its number's file under
/// out/notifications/.
struct Place<'a> {
    out: Option<&'a Path>,
    suffix: String,
}

impl Place<'_> {
    fn of(&self, config: &Config, number: &str) -> PathBuf {
        self.out.map_or_else(
            || {
                config
                    .root
                    .join("out")
                    .join("notifications")
                    .join(notification::file_name(number, &self.suffix))
            },
            Path::to_path_buf,
        )
    }
}

/// Act `--act`'s notification typeset again from the number and date
/// stored on it; the entry is not touched.
fn reissue(
    config: &Config,
    args: &NotificationArgs,
    excerpt: &Excerpt,
    loc: &Locale,
) -> Result<()> {
    let n = args.act.expect("clap requires --act with --reissue");
    let act = excerpt.entry().actions.iter().find(|a| a.number == n);
    let Some(stored) = act.and_then(|a| a.notification.as_ref()) else {
        return Err(Error::Refused {
            message: format!("act #{n} of `{}` has not been notified", excerpt.id),
            hint: Some(format!(
                "`treaty-register notification {} --act {n}` gives it its number",
                excerpt.id
            )),
        });
    };
    let place = Place {
        out: args.out.as_deref(),
        suffix: documents::language_suffix(excerpt, loc),
    };
    let dest = place.of(config, &stored.number);
    super::documents::file_destination(config, &dest, true)?;
    let press = super::documents::paper(config, &args.paper)?;
    let issue = Issue {
        id: excerpt.id.clone(),
        as_of: stored.date.to_string(),
        edition: None,
        attachments: Default::default(),
        act: Some(n),
    };
    let (pdf, _) = notification::typeset(&press.paper(), excerpt, issue, loc, None)?;
    super::documents::create_parent(&dest)?;
    out::write_atomic(&dest, &pdf)?;
    super::say(
        config,
        &format!(
            "{}: notification {} of act #{n} of {}, issued again",
            dest.display(),
            stored.number,
            excerpt.id
        ),
    );
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
    place: &Place,
) -> Result<(String, PathBuf)> {
    let (meta, meta_sha) = load::meta_and_digest(&config.root)?.map_err(|_| Error::Problems {
        summary: "register/register.yaml has problems; run `treaty-register check`".into(),
    })?;
    let failure: RefCell<Option<Error>> = RefCell::new(None);
    let outcome = entry::rewrite(&config.root, id, meta.as_of, false, |old| {
        let done = stamped(config, (&meta, &meta_sha), id, old, n, date, paper, loc).and_then(
            |(new, (number, pdf))| {
                // The PDF's place is checked before the number is stored.
                let dest = place.of(config, &number);
                super::documents::file_destination(config, &dest, false)?;
                Ok((new, (number, pdf, dest)))
            },
        );
        match done {
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
    let (_, _, (number, pdf, dest)) = super::or_refused(&config.root, &rel, outcome)?;
    super::documents::create_parent(&dest)
        .and_then(|()| out::write_atomic(&dest, &pdf))
        .map_err(|e| Error::Usage {
        message: format!(
            "{number} is stored on act #{n} of {id}, but its PDF was not written: {e}"
        ),
        hint: Some(format!(
            "once the cause is mended, `treaty-register notification {id} --act {n} --reissue` writes it"
        )),
    })?;
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
