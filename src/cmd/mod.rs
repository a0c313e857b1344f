//! One thin file per command; each drives the pipeline stages and prints.

mod add;
mod bag;
mod build;
mod check;
mod completions;
mod correct;
mod documents;
mod edit;
mod export;
mod extract;
mod import;
mod init;
mod list;
mod locale;
mod notification;
mod publish;
mod record;
mod registration;
mod schema;
mod show;
mod verify;
mod verify_pdf;
mod withdraw;

use std::io::Write;

use crate::cli::{Command, Config};
use crate::error::{Error, Result};
use crate::register::check::Checked;
use crate::register::date::PartialDate;
use crate::register::diagnostic::Renderer;
use crate::register::lifecycle;
use crate::register::model::Register;
use crate::support::statcache::StatCache;

pub fn run(config: &Config, command: Command) -> Result<()> {
    // The project's own catalogues (locales/) word its editions.
    crate::publish::locale::set_project(&config.root);
    match command {
        Command::Add(args) => add::run(config, *args),
        Command::Record(args) => record::run(config, *args),
        Command::Correct(args) => correct::run(config, *args),
        Command::Edit(args) => edit::run(config, *args),
        Command::Withdraw(args) => withdraw::run(config, args),
        Command::Import(args) => import::run(config, *args),
        Command::Init(args) => init::run(config, args),
        Command::Locale(args) => locale::run(config, args),
        Command::Build(args) => build::run(config, args),
        Command::Publish(args) => publish::run(config, args),
        Command::Check(args) => check::run(config, args),
        Command::Verify(args) => verify::run(config, args),
        Command::Bag(args) => bag::run(config, args),
        Command::Export(args) => export::run(config, args),
        Command::List(args) => list::run(config, args),
        Command::Show(args) => show::run(config, args),
        Command::Extract(args) => extract::run(config, args),
        Command::Registration(args) => registration::run(config, args),
        Command::Notification(args) => notification::run(config, args),
        Command::Schema(args) => schema::run(config, args),
        Command::Completions(args) => completions::run(config, args),
    }
}

/// The build settings `build` and `publish` share, from their typst flags.
pub(crate) fn typeset_settings<'a>(
    args: &crate::cli::TypesetArgs,
    pdf_standard: &'a str,
    progress: &'a (dyn Fn(&str) + Sync),
    stat: &'a crate::support::statcache::StatCache,
) -> crate::publish::build::Settings<'a> {
    crate::publish::build::Settings {
        pdf_standard,
        timeout: std::time::Duration::from_secs(args.typst_timeout),
        volume_size: args.volume_size,
        jobs: args.jobs.unwrap_or_else(crate::support::parallel::cores),
        progress,
        as_of: None,
        edition: None,
        html: false,
        stat,
        reuse: None,
        spool: crate::publish::settings::SpoolIn::Out,
        seal: None,
    }
}

/// The edit's outcome, or the error that says why it was refused (its
/// problems printed against the text that was not written).
pub(crate) fn or_refused<T>(
    root: &std::path::Path,
    rel: &std::path::Path,
    outcome: std::result::Result<T, crate::edit::entry::Refusal>,
) -> Result<T> {
    use crate::edit::entry::Refusal;
    match outcome {
        Ok(done) => Ok(done),
        Err(Refusal::Layout(message, hint)) => Err(Error::Usage {
            message: format!("{}: {message}; nothing was written", rel.display()),
            hint: Some(hint).filter(|h| !h.is_empty()),
        }),
        Err(Refusal::Problems(text, problems)) => Err(refuse_entry(
            root,
            rel,
            &text,
            &problems,
            "the entry would have",
        )),
    }
}

/// Prints the problems of an entry that was not written (quoting its new
/// text, which is not on disk) and returns the closing error:
/// "<what> 2 problems; nothing was written".
pub(crate) fn refuse_entry(
    root: &std::path::Path,
    rel: &std::path::Path,
    text: &str,
    problems: &[crate::register::diagnostic::Diagnostic],
    what: &str,
) -> Error {
    show_entry_diagnostics(root, rel, text, problems);
    Error::Problems {
        summary: format!(
            "{what} {} problem{}; nothing was written",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ),
    }
}

/// Shows diagnostics of an entry's `text` with their source snippets: the
/// warnings `check` would give for an entry a command writes all the same
/// (an invisible character, a word too long), or the problems it refuses.
pub(crate) fn show_entry_diagnostics(
    root: &std::path::Path,
    rel: &std::path::Path,
    text: &str,
    warnings: &[crate::register::diagnostic::Diagnostic],
) {
    let mut renderer = Renderer::new(root).with_source(rel, text);
    let rendered: String = warnings.iter().map(|d| renderer.render(d)).collect();
    // As `check` prints them: a closed stderr is no reason to fail.
    let _ = anstream::stderr().lock().write_all(rendered.as_bytes());
}

/// The register as lists show it: withdrawn entries left out (a
/// `--withdrawn` listing starts from [`with_withdrawn_as_of`] instead), as
/// it stood on `as_of` (the register itself without one). A date after the
/// register's own `as_of` is refused: the register knows nothing later.
pub(crate) fn as_of(register: Register, as_of: Option<PartialDate>) -> Result<Register> {
    let register = match register.live() {
        std::borrow::Cow::Borrowed(_) => register,
        std::borrow::Cow::Owned(live) => live,
    };
    with_withdrawn_as_of(register, as_of)
}

/// The register as it stood on `as_of`, withdrawn entries included (`show`
/// of a withdrawn id prints it with its `withdrawn` block).
pub(crate) fn with_withdrawn_as_of(
    register: Register,
    as_of: Option<PartialDate>,
) -> Result<Register> {
    validate_as_of(&register, as_of)?;
    Ok(match as_of {
        Some(d) => lifecycle::as_of(&register, d),
        None => register,
    })
}

/// Refuses an `--as-of` after the register's own `as_of`.
pub(crate) fn validate_as_of(register: &Register, as_of: Option<PartialDate>) -> Result<()> {
    let Some(d) = as_of else {
        return Ok(());
    };
    if register.meta.as_of.surely_before(d) {
        return Err(Error::Usage {
            message: format!(
                "--as-of {d} is after the register's status date {}",
                register.meta.as_of
            ),
            hint: Some(
                "the register records nothing later than its `as_of` (register/register.yaml); \
                 give an earlier date, or leave out --as-of"
                    .into(),
            ),
        });
    }
    Ok(())
}

/// Prints every problem to stderr and returns the summary error when there
/// were any, so callers can `?` their way out.
/// The register checked as `check`, `build` and `publish` check it: the
/// register's own rules, and `register/allowed_signers` read as `publish`
/// and `verify` will read it.
pub(crate) fn check_project(config: &Config, stat: &StatCache) -> Result<Checked> {
    let mut checked = crate::register::check::run_cached(&config.root, &config.limits, stat)?;
    let signers = crate::audit::signers::diagnostics(&config.root);
    let (catalogues, unfinished) = crate::publish::catalogue::diagnostics(&config.root);
    if !signers.is_empty() || !catalogues.is_empty() {
        checked.diagnostics.extend(signers);
        checked.diagnostics.extend(catalogues);
        crate::register::diagnostic::sort(&mut checked.diagnostics);
    }
    if !unfinished.is_empty() {
        checked.warnings.extend(unfinished);
        crate::register::diagnostic::sort(&mut checked.warnings);
    }
    Ok(checked)
}

/// Shows the register's errors and warnings, in reading order; `Err` with
/// the summary line when there is an error.
pub(crate) fn report(config: &Config, checked: &Checked) -> Result<()> {
    let problems = checked.diagnostics.len();
    let warnings = checked.warnings.len();
    if problems + warnings > 0 {
        let mut all: Vec<&crate::register::diagnostic::Diagnostic> = checked
            .diagnostics
            .iter()
            .chain(&checked.warnings)
            .collect();
        all.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
        let mut renderer = Renderer::new(&config.root);
        let mut err = anstream::stderr().lock();
        for d in all {
            let _ = err.write_all(renderer.render(d).as_bytes());
        }
    }
    if problems == 0 {
        return Ok(());
    }
    Err(Error::Problems {
        summary: summary(checked.files, problems, warnings),
    })
}

/// `16 instruments, 0 problems`, with `, 1 warning` when there are any.
pub(crate) fn summary(instruments: usize, problems: usize, warnings: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut line = format!(
        "{instruments} instrument{}, {problems} problem{}",
        plural(instruments),
        plural(problems)
    );
    if warnings > 0 {
        line.push_str(&format!(", {warnings} warning{}", plural(warnings)));
    }
    line
}

/// Progress of a long run, on one line of a terminal: stage and elapsed
/// time. Silent when stderr is not a terminal (logs, CI) or with --quiet.
pub(crate) struct Progress {
    on: bool,
    start: std::time::Instant,
}

impl Progress {
    pub(crate) fn new(config: &Config) -> Self {
        use std::io::IsTerminal;
        Progress {
            on: !config.quiet && std::io::stderr().is_terminal(),
            start: std::time::Instant::now(),
        }
    }

    pub(crate) fn say(&self, stage: &str) {
        if self.on {
            let elapsed = self.start.elapsed().as_secs();
            let _ = write!(anstream::stderr().lock(), "\r\x1b[2K{stage} ({elapsed} s)");
        }
    }

    pub(crate) fn clear(&self) {
        if self.on {
            let _ = write!(anstream::stderr().lock(), "\r\x1b[2K");
        }
    }
}

/// A progress message for the user, on stderr so that stdout stays clean
/// for machine-readable output; silent with `--quiet`.
pub(crate) fn say(config: &Config, message: &str) {
    if !config.quiet {
        let _ = writeln!(anstream::stderr().lock(), "{message}");
    }
}

/// Writes to stdout, turning a closed pipe into a quiet success (as `head`
/// users expect) and other failures into an error.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = anstream::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Stdout(e)),
    }
}
