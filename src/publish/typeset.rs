//! Typesetting a build's documents: each language's register (or general
//! volume), its index volumes and its volumes, rendered and typeset on up to
//! `jobs` typst processes, each with its sources attached, and taken from
//! the last build instead where its key is unchanged ([`crate::publish::reuse`]).

use std::path::Path;

use crate::audit::inputs::{InputFile, Role};
use crate::error::Result;
use crate::publish::settings::{Settings, slash};
use crate::publish::spool::{Entry, Spool};
use crate::publish::typst::{Compiled, Job, Typst};
use crate::publish::{embed, render};
use crate::register::date::PartialDate;
use crate::support::digest;

/// What each document embeds: its sources and how it was typeset.
pub(super) struct Sources<'a> {
    pub(super) root: &'a Path,
    pub(super) templates: &'a Path,
    pub(super) files: &'a [InputFile],
    pub(super) typst_version: &'a str,
    pub(super) settings: &'a Settings<'a>,
    pub(super) as_of: PartialDate,
    pub(super) volume_size: Option<usize>,
    /// Everything typst sees besides a document's source, as one digest.
    pub(super) fingerprint: String,
}

/// The digest of what makes typst's output besides the source: its
/// version and arguments, and every font it may use.
pub(super) fn fingerprint(typst: &Typst, job: &Job, files: &[InputFile]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(typst.version.as_bytes());
    for arg in typst.arguments(job) {
        hasher.update([0]);
        hasher.update(arg.as_encoded_bytes());
    }
    let fonts = files
        .iter()
        .filter(|f| f.role == Role::Template && f.path.contains("fonts/"))
        .map(|f| f.sha256.as_str())
        .chain(crate::publish::fonts::NOTO.iter().map(|f| f.sha256));
    for sha256 in fonts {
        hasher.update([0]);
        hasher.update(sha256.as_bytes());
    }
    digest::hex(&hasher.finalize())
}

/// A document's key: its source with everything else typst sees.
fn document_key(fingerprint: &str, source: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(fingerprint.as_bytes());
    hasher.update([0]);
    hasher.update(source.as_bytes());
    digest::hex(&hasher.finalize())
}

/// One document of a language edition. A register in one PDF is
/// `General` alone; in volumes, the general volume (foreword, list of
/// volumes, register digest) and the indexes are apart, so that an edit
/// typesets again only what it changed: a new title, its volume and the
/// general volume; a new act, also the index by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Doc {
    General,
    /// The indexes by party, type and subject.
    Indexes,
    /// The index by status and the instruments not registered.
    Status,
    Volume(usize),
}

impl Doc {
    /// The documents of `context`, the general volume first.
    fn all(context: &render::Context) -> Vec<Doc> {
        if context.volumes.is_empty() {
            return vec![Doc::General];
        }
        [Doc::General, Doc::Indexes, Doc::Status]
            .into_iter()
            .chain((1..=context.volumes.len()).map(Doc::Volume))
            .collect()
    }

    /// Its file in `out/`.
    fn file(self, context: &render::Context) -> &str {
        match self {
            Doc::General => &context.file,
            Doc::Indexes => &context.index_files.indexes,
            Doc::Status => &context.index_files.status,
            Doc::Volume(n) => &context.volumes[n - 1].file,
        }
    }

    /// As messages name it: "the general volume", "volume 3".
    fn name(self, context: &render::Context) -> String {
        match self {
            Doc::General if context.volumes.is_empty() => "the register".to_owned(),
            Doc::General => "the general volume".to_owned(),
            Doc::Indexes => "the index volume".to_owned(),
            Doc::Status => "the status index".to_owned(),
            Doc::Volume(n) => format!("volume {n}"),
        }
    }

    fn render(self, context: &render::Context, templates: &render::Templates) -> Result<String> {
        match self {
            Doc::General if context.volumes.is_empty() => {
                templates.render(render::ENTRY_TEMPLATE, context)
            }
            Doc::General => templates.render(render::ENTRY_TEMPLATE, &context.part()),
            Doc::Indexes => templates.render(render::INDEXES_TEMPLATE, &context.part()),
            Doc::Status => templates.render(render::STATUS_TEMPLATE, &context.part()),
            Doc::Volume(n) => templates.render(render::VOLUME_TEMPLATE, &context.volume(n)),
        }
    }
}

impl Sources<'_> {
    /// The Typst code that attaches document `doc`'s sources (none where
    /// the PDF standard forbids embedded files).
    fn attachments(&self, context: &render::Context, doc: Doc, document: &str) -> Result<String> {
        if !embed::allowed(self.settings.pdf_standard) {
            return Ok(String::new());
        }
        // The register (or general volume) also shows the withdrawn
        // entries' list, and carries their files.
        let withdrawn = context.withdrawn.iter().map(|w| w.path.as_str());
        let shown: std::collections::HashSet<&str> = match doc {
            Doc::General if context.volumes.is_empty() => context
                .instruments
                .iter()
                .map(|i| i.path.as_str())
                .chain(withdrawn)
                .collect(),
            Doc::General => withdrawn.collect(),
            Doc::Volume(n) => context
                .volume(n)
                .instruments
                .iter()
                .map(|i| i.path.as_str())
                .collect(),
            _ => std::collections::HashSet::new(),
        };
        let settings = embed::BuildSettings {
            format: embed::FORMAT.into(),
            document: document.trim_start_matches("the ").to_owned(),
            language: (context.register.language != context.register.source_language)
                .then(|| context.register.language.clone()),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            typst_version: self.typst_version.to_owned(),
            pdf_standard: self.settings.pdf_standard.to_owned(),
            templates: slash(self.templates),
            volume_size: self.volume_size,
            as_of: self.as_of.to_string(),
            edition: self.settings.edition.map(|p| embed::EditionSettings {
                number: p.number,
                date: p.date.to_string(),
                previous: p.previous.clone(),
                signer: p.signer.clone(),
                changes: p.changes.clone(),
            }),
            issue: None,
        };
        embed::attachments(
            self.root,
            self.files,
            &shown,
            &context.checksums.register_digest,
            &settings,
        )
    }
}

/// What typst made of one language edition's documents.
pub(super) struct Typeset {
    /// Each PDF (its file name in `out/`, size and digest) in the
    /// manifest's order: the register (or general volume), its indexes, its
    /// volumes; the files are in the spool.
    pub(super) outputs: Vec<Entry>,
    pub(super) unchanged: usize,
    /// The register's (or general volume's) Typst source, for --keep-source.
    pub(super) register_source: String,
    pub(super) warnings: String,
}

/// Everything typesetting needs besides the edition: the templates, typst
/// and how it runs, what each PDF embeds, and the spool the PDFs go into.
pub(super) struct Press<'a> {
    pub(super) templates: &'a render::Templates,
    pub(super) typst: &'a Typst,
    pub(super) job: &'a Job<'a>,
    pub(super) settings: &'a Settings<'a>,
    pub(super) sources: &'a Sources<'a>,
    pub(super) spool: &'a Spool,
}

/// A typeset document: its PDF, whether it was taken unchanged from the
/// last build, and its source when it is the register's (for
/// --keep-source).
struct Made {
    compiled: Compiled<Entry>,
    taken: bool,
    source: Option<String>,
}

/// Renders and typesets every document of the language editions given
/// (`k` 0 for the register's own language, then its translations, with
/// their render contexts): each register (or general volume), its indexes
/// and volumes, on up to `settings.jobs` typst processes together, each PDF
/// into the spool as it is made. One [`Typeset`] per edition, in order.
pub(super) fn typeset(
    editions: &[(usize, &render::Context)],
    press: &Press,
) -> Result<Vec<Typeset>> {
    let Press {
        templates,
        typst,
        job,
        settings,
        sources,
        spool,
    } = *press;
    // Document `doc` of edition `e`. The general volumes and indexes go
    // first: at scale the indexes take longest (they name every entry), and
    // the volumes fill the other cores meanwhile.
    let mut order: Vec<(usize, Doc)> = editions
        .iter()
        .enumerate()
        .flat_map(|(e, (_, c))| Doc::all(c).into_iter().map(move |d| (e, d)))
        .collect();
    order.sort_by_key(|(e, d)| (matches!(d, Doc::Volume(_)), *e, *d));
    let documents = order.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    // Documents whose PDF of the last build was taken unchanged.
    let reused = std::sync::atomic::AtomicUsize::new(0);
    let label = progress_label(editions);
    // Each document is rendered by the worker that typesets it, so that
    // the first typst starts as soon as possible and the sources of a
    // hundred volumes never sit in memory together.
    let compile = |(e, doc): &(usize, Doc)| -> Result<Made> {
        let (k, context) = editions[*e];
        let mut source = doc.render(context, templates)?;
        let document = doc.name(context);
        source.push_str(&sources.attachments(context, *doc, &document)?);
        let named = match k {
            0 => document,
            _ => format!("{document} in `{}`", context.register.language),
        };
        let file = doc.file(context);
        let key = document_key(&sources.fingerprint, &source);
        let entry = settings
            .reuse
            .and_then(|r| r.take(file, &key, settings.stat, spool));
        let taken = entry.is_some();
        if taken {
            reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let compiled = match entry {
            Some(entry) => Compiled {
                pdf: entry,
                warnings: String::new(),
            },
            None => typst
                .compile(&source, &named, job, |pdf| spool.take(file, pdf))
                .map_err(|e| crate::publish::trace::traced(e, &source, sources.root))?,
        };
        let mut compiled = compiled;
        if let Some(sealer) = settings.seal {
            let r = &context.register;
            let authority = r.authority.as_ref().unwrap_or(&r.title).plain();
            let description = crate::publish::seal::description(&authority, &r.language);
            compiled.pdf = crate::publish::seal::spooled(sealer, spool, file, &description)?;
        }
        if let Some(r) = settings.reuse {
            r.keep(file, &key, &compiled.pdf.2);
        }
        let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if documents > 1 {
            let reused = reused.load(std::sync::atomic::Ordering::Relaxed);
            (settings.progress)(&format!(
                "typesetting{label}: {finished} of {documents} documents done ({reused} unchanged)"
            ));
        } else {
            (settings.progress)("typesetting done");
        }
        // The register's source is kept, for --keep-source.
        Ok(Made {
            compiled,
            taken,
            source: (k == 0 && *doc == Doc::General).then_some(source),
        })
    };
    (settings.progress)(&match editions {
        [(_, c)] if documents > 1 => format!(
            "typesetting {} volumes, the indexes and the general volume{label}",
            c.volumes.len()
        ),
        [_] => format!("typesetting{label}"),
        _ => format!("typesetting {documents} documents{label}"),
    });
    let compiled = crate::support::parallel::try_map_with(&order, settings.jobs.max(1), compile)?;
    let mut named: Vec<((usize, Doc), Made)> = order.into_iter().zip(compiled).collect();
    // In the manifest's order: each edition's PDF, its indexes, its volumes.
    named.sort_by_key(|(key, _)| *key);
    let mut out: Vec<Typeset> = editions
        .iter()
        .map(|_| Typeset {
            outputs: Vec::new(),
            unchanged: 0,
            register_source: String::new(),
            warnings: String::new(),
        })
        .collect();
    for ((e, _), made) in named {
        let t = &mut out[e];
        t.warnings.push_str(&made.compiled.warnings);
        t.outputs.push(made.compiled.pdf);
        t.unchanged += usize::from(made.taken);
        if let Some(source) = made.source {
            t.register_source = source;
        }
    }
    Ok(out)
}

/// " in 3 languages", " in `ru`" or nothing, for progress messages.
fn progress_label(editions: &[(usize, &render::Context)]) -> String {
    match editions {
        [(0, _)] => String::new(),
        [(_, c)] => format!(" in `{}`", c.register.language),
        _ => format!(" in {} languages", editions.len()),
    }
}
