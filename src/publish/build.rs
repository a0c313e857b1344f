//! The build from a checked register to the files of the published unit:
//! inputs are hashed, templates rendered, typst run (each PDF into a
//! spool as it is made), and the manifests drawn up. Nothing is published
//! here — `cmd::build` publishes the result, and `verify --rebuild` only
//! compares it.

use std::path::{Path, PathBuf};

use crate::audit::inputs::{self, InputFile, Role};
use crate::audit::manifest::{
    EditionInfo, FORMAT, Manifest, PdfInfo, ToolInfo, TranslationInfo, TypstInfo,
};
use crate::error::{Error, Result};
use crate::publish::edition::Plan;
use crate::publish::reuse::Reuse;
use crate::publish::settings::SpoolIn;
use crate::publish::spool::{Entry, Spool};
use crate::publish::typeset::{Press, Sources, Typeset, fingerprint, typeset};
use crate::publish::typst::{Job, Typst};
use crate::publish::{locale, render, web};
use crate::register::model::{Instrument, Register};

/// Where a build reads templates and writes outputs, both relative to the
/// project root (the manifest can only name files inside it).
pub struct Layout {
    pub root: PathBuf,
    pub templates: PathBuf,
    pub out: PathBuf,
}

impl Layout {
    /// Resolves `--templates` and `--out` (relative to the current folder)
    /// to paths inside the project root.
    pub fn new(root: &Path, templates: Option<&Path>, out: Option<&Path>) -> Result<Layout> {
        let templates = match templates {
            Some(dir) => inside_root(root, dir, "--templates")?,
            None => PathBuf::from("templates"),
        };
        let out = match out {
            Some(dir) => inside_root(root, dir, "--out")?,
            None => PathBuf::from("out"),
        };
        Ok(Layout {
            root: root.to_path_buf(),
            templates,
            out,
        })
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(&self.templates)
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join(&self.out)
    }
}

/// `path` relative to the root, if it lies inside it. A folder that does
/// not exist yet is judged by its nearest existing ancestor.
fn inside_root(root: &Path, path: &Path, flag: &'static str) -> Result<PathBuf> {
    let outside = || Error::OutsideRoot {
        flag,
        path: path.to_path_buf(),
    };
    let real_root = root.canonicalize().map_err(|source| Error::Read {
        path: root.to_path_buf(),
        source,
    })?;
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        let name = existing.file_name().ok_or_else(outside)?.to_owned();
        rest.push(name);
        if !existing.pop() || existing.as_os_str().is_empty() {
            existing = PathBuf::from(".");
        }
    }
    let mut real = existing.canonicalize().map_err(|_| outside())?;
    for name in rest.into_iter().rev() {
        if name == ".." {
            return Err(outside());
        }
        real.push(name);
    }
    let rel = real.strip_prefix(&real_root).map_err(|_| outside())?;
    if rel.as_os_str().is_empty() {
        return Err(outside());
    }
    Ok(rel.to_path_buf())
}

pub struct Built {
    /// Each PDF (file name, size, SHA-256), in the manifest's order:
    /// `register.pdf` first. The files are in `spool`.
    pub pdfs: Vec<Entry>,
    /// The Typst source of `register.pdf`.
    pub source: String,
    pub manifest: Manifest,
    pub warnings: String,
    /// How many instruments the documents show (fewer than the register
    /// holds in a build as of an earlier date).
    pub shown: usize,
    /// How many PDFs were taken unchanged from the last build instead of
    /// being typeset again.
    pub unchanged: usize,
    /// The PDFs and the web edition (when asked for), written ahead of
    /// publishing.
    pub spool: Spool,
}

pub use crate::publish::settings::{Settings, slash};

/// Entries per volume by default: typst 0.15 needs about 0.5 GB and 3.5 s
/// for a volume of this size, and on two cores it balanced best (10,000
/// entries in volumes of 1,000: 13.9 s; 1,500: 12.7 s; 2,500: 13.2 s;
/// 3,400: 17.5 s; docs/performance.md).
pub const DEFAULT_VOLUME_SIZE: usize = 1500;

/// Builds the unit for a checked register.
pub fn build(
    register: &Register,
    layout: &Layout,
    typst: &Typst,
    settings: &Settings,
) -> Result<Built> {
    let root = &layout.root;
    (settings.progress)("hashing the inputs");
    let mut files = input_files(register, layout, settings.stat)?;
    // Every file read is listed, even those of entries an --as-of build
    // leaves out: the register digest is of the register, not the view.
    let shown = settings.shown(register);
    let volume_size = settings.volume_size(&shown);
    let templates = render::Templates::load(&layout.templates_dir())?;

    let fonts = layout.templates.join("fonts");
    let noto = crate::publish::fonts::locate(&mut |m: &str| eprintln!("{m}"))?;
    // The manifest names the cache, not this machine's path to it.
    let noto_named = PathBuf::from(format!("<cache>/{}", crate::publish::fonts::FOLDER));
    let parallel = volume_size.is_some() && settings.jobs > 1;
    let job = Job {
        fonts: &root.join(&fonts),
        noto: &noto,
        timestamp: shown.meta.as_of.unix_timestamp(),
        pdf_standard: settings.pdf_standard,
        timeout: settings.timeout,
        // Several typst processes at once each get one thread.
        threads: parallel.then_some(1),
    };
    let sources = Sources {
        root,
        templates: &layout.templates,
        files: &files,
        typst_version: &typst.version,
        settings,
        as_of: shown.meta.as_of,
        volume_size,
        fingerprint: fingerprint(typst, &job, &files),
    };

    let mut spool = match settings.spool {
        SpoolIn::Out => Spool::new(&layout.out_dir())?,
        SpoolIn::Temp => Spool::temporary()?,
    };
    let press = Press {
        templates: &templates,
        typst,
        job: &job,
        settings,
        sources: &sources,
        spool: &spool,
    };
    // Withdrawn entries are not shown but listed apart, whatever the date
    // shown: a withdrawal corrects the register, it is not an event in
    // the instruments' lives.
    let withdrawn: Vec<&Instrument> = register.withdrawn().collect();
    let editions = typeset_editions(&shown, &withdrawn, &files, volume_size, &press)?;
    if settings.html {
        spool = web_edition(
            spool,
            layout,
            &templates,
            &editions.context,
            &shown,
            settings,
            &mut files,
        )?;
    }
    let manifest = draw_up_manifest(
        &shown,
        layout,
        typst,
        &Job {
            fonts: &fonts,
            noto: &noto_named,
            ..job
        },
        &editions,
        files,
        settings.edition,
    );
    spool.files.extend(editions.outputs.iter().cloned());
    Ok(Built {
        pdfs: editions.outputs,
        source: editions.register_source,
        manifest,
        warnings: editions.warnings,
        shown: shown.instruments.len(),
        unchanged: editions.unchanged,
        spool,
    })
}

/// Writes the web edition into `spool` (linking pages unchanged since the
/// last build where it may) and lists its pages in `files`.
fn web_edition(
    mut spool: Spool,
    layout: &Layout,
    templates: &render::Templates,
    context: &render::Context,
    shown: &Register,
    settings: &Settings,
    files: &mut Vec<InputFile>,
) -> Result<Spool> {
    (settings.progress)("writing the web edition");
    if settings.reuse.is_some_and(Reuse::enabled) {
        spool = spool.reusing(settings.stat, &slash(&layout.out));
    }
    let revisions = crate::publish::revisions::Revisions::of(
        &layout.root,
        shown,
        settings.as_of,
        // A signed edition's feeds are worked out from the archive itself.
        (settings.edition.is_none() && settings.stat.remembers()).then_some(settings.stat),
    );
    let pages = web::write(
        &spool,
        templates,
        &layout.templates_dir(),
        context,
        shown,
        &revisions,
    )?;
    for (name, size, sha256) in &pages {
        files.push(InputFile {
            path: slash(&layout.out.join(name)),
            role: Role::Output,
            size: *size,
            sha256: sha256.clone(),
            id: None,
        });
    }
    spool.files.extend(pages);
    Ok(spool)
}

/// Every language edition, typeset.
struct Editions {
    /// The render context of the register's own language.
    context: render::Context,
    /// Each edition's files, the register's own language first.
    editions: Vec<Edition>,
    /// Every PDF in the manifest's order, each language's in turn.
    outputs: Vec<Entry>,
    unchanged: usize,
    warnings: String,
    register_source: String,
}

/// Entries whose render contexts may be held at once: the language
/// editions of a small register are typeset together on the worker pool;
/// those of a large one one after the other, each context (about 0.7 GB at
/// 100,000 entries with acts) dropped once its edition is typeset.
const ENTRIES_AT_ONCE: usize = 50_000;

/// The language editions (0 the register's own, then its translations) in
/// batches whose contexts hold at most [`ENTRIES_AT_ONCE`] entries (one
/// edition at least), the register's own language last.
fn batches(entries: usize, languages: usize) -> Vec<Vec<usize>> {
    let per_batch = (ENTRIES_AT_ONCE / entries.max(1)).clamp(1, languages);
    let order: Vec<usize> = (1..languages).chain([0]).collect();
    order.chunks(per_batch).map(<[usize]>::to_vec).collect()
}

/// Typesets the language editions in batches of at most
/// [`ENTRIES_AT_ONCE`] entries' contexts: the translations first, then the
/// register's own language, whose context stays for the web edition and
/// the manifest.
fn typeset_editions(
    shown: &Register,
    withdrawn: &[&Instrument],
    files: &[InputFile],
    volume_size: Option<usize>,
    press: &Press,
) -> Result<Editions> {
    let languages = shown.meta.translations.len() + 1;
    let mut done: Vec<Option<(Edition, Typeset)>> = (0..languages).map(|_| None).collect();
    let mut own = None;
    for batch in batches(shown.instruments.len(), languages) {
        (press.settings.progress)("preparing the documents");
        let contexts: Vec<(usize, render::Context)> = batch
            .into_iter()
            .map(|k| {
                let c = language_context(
                    shown,
                    withdrawn,
                    k,
                    files,
                    &press.typst.version,
                    volume_size,
                    press.settings,
                );
                (k, c)
            })
            .collect();
        let editions: Vec<(usize, &render::Context)> =
            contexts.iter().map(|(k, c)| (*k, c)).collect();
        let typeset = typeset(&editions, press)?;
        for ((k, context), typeset) in contexts.into_iter().zip(typeset) {
            done[k] = Some((Edition::of(&context), typeset));
            if k == 0 {
                own = Some(context);
            }
        }
    }
    let mut all = Editions {
        context: own.expect("the register's own language is typeset last"),
        editions: Vec::new(),
        outputs: Vec::new(),
        unchanged: 0,
        warnings: String::new(),
        register_source: String::new(),
    };
    for (k, (edition, typeset)) in done.into_iter().flatten().enumerate() {
        all.editions.push(edition);
        all.outputs.extend(typeset.outputs);
        all.unchanged += typeset.unchanged;
        all.warnings.push_str(&typeset.warnings);
        if k == 0 {
            all.register_source = typeset.register_source;
        }
    }
    Ok(all)
}

/// The render context of language edition `k`: 0 the register's own
/// language, then its `translations`, each with its edition and its own
/// file names (`register.ru.pdf`, `register.ru-vol-01.pdf`).
fn language_context(
    shown: &Register,
    withdrawn: &[&Instrument],
    k: usize,
    files: &[InputFile],
    typst_version: &str,
    volume_size: Option<usize>,
    settings: &Settings,
) -> render::Context {
    let language = match k {
        0 => &shown.meta.language,
        _ => &shown.meta.translations[k - 1],
    };
    let loc = locale::get(language).expect("check admits only languages with a catalogue");
    let mut context = render::context(shown, files, typst_version, volume_size, loc);
    context.edition = settings.edition.map(|p| edition_context(p, &context, loc));
    context.withdrawn = render::withdrawn(shown, withdrawn.iter().copied(), files, loc);
    context
}

/// What the manifest needs of a language edition once its render context
/// is gone.
struct Edition {
    language: String,
    indexes: usize,
    volumes: usize,
}

impl Edition {
    fn of(context: &render::Context) -> Edition {
        Edition {
            language: context.register.language.clone(),
            indexes: index_count(context),
            volumes: context.volumes.len(),
        }
    }
}

/// The edition as the templates see it; changed and added entries link to
/// their blocks in a register in one PDF.
fn edition_context(
    plan: &Plan,
    context: &render::Context,
    loc: &locale::Locale,
) -> render::EditionContext {
    let in_one_pdf = context.volumes.is_empty();
    render::EditionContext {
        number: plan.number,
        date: loc.date(plan.date),
        previous: plan.previous.as_ref().map(|p| render::PreviousContext {
            number: p.edition,
            manifest_sha256: p.manifest_sha256.clone(),
        }),
        signer: format!("{} ({})", plan.signer.principal, plan.signer.key),
        changes: plan
            .changes
            .iter()
            .map(|c| render::ChangeContext {
                kind: c.kind.clone(),
                id: c.id.clone(),
                title: c.title.clone(),
                details: c.details.iter().map(|d| d.words(loc)).collect(),
                anchor: (in_one_pdf && matches!(c.kind.as_str(), "added" | "changed"))
                    .then(|| format!("entry-{}", c.id)),
            })
            .collect(),
    }
}

/// The manifest of a build: every input and output with its digest, and
/// what is needed to rebuild (tool, typst and its exact arguments).
fn draw_up_manifest(
    register: &Register,
    layout: &Layout,
    typst: &Typst,
    job: &Job,
    editions: &Editions,
    mut files: Vec<InputFile>,
    plan: Option<&Plan>,
) -> Manifest {
    let (context, outputs) = (&editions.context, &editions.outputs);
    let mut pdfs = Vec::new();
    for (name, size, sha256) in outputs {
        let path = slash(&layout.out.join(name));
        files.push(InputFile {
            path: path.clone(),
            role: Role::Output,
            size: *size,
            sha256: sha256.clone(),
            id: None,
        });
        pdfs.push(PdfInfo {
            path,
            size: *size,
            sha256: sha256.clone(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let arguments = typst
        .arguments(job)
        .into_iter()
        .map(|a| a.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut pdfs = pdfs.into_iter();
    Manifest {
        format: FORMAT.into(),
        tool: ToolInfo {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        typst: TypstInfo {
            version: typst.version.clone(),
            arguments,
        },
        as_of: register.meta.as_of.to_string(),
        templates: slash(&layout.templates),
        register_digest: context.checksums.register_digest.clone(),
        pdf: pdfs.next().expect("the register PDF"),
        // Volumes are full runs of `volume_size` entries but for the last,
        // and there are volumes only when there is more than one.
        volume_size: context.volumes.first().map(|v| v.count),
        indexes: pdfs.by_ref().take(index_count(context)).collect(),
        volumes: pdfs.by_ref().take(context.volumes.len()).collect(),
        fonts: crate::publish::fonts::NOTO
            .iter()
            .map(|f| crate::audit::manifest::FontInfo {
                file: f.file.into(),
                package: f.package.into(),
                sha256: f.sha256.into(),
            })
            .collect(),
        translations: editions.editions[1..]
            .iter()
            .map(|e| TranslationInfo {
                language: e.language.clone(),
                pdf: pdfs.next().expect("each language's PDF"),
                indexes: pdfs.by_ref().take(e.indexes).collect(),
                volumes: pdfs.by_ref().take(e.volumes).collect(),
            })
            .collect(),
        files,
        edition: plan.map(|p| EditionInfo {
            number: p.number,
            date: p.date.to_string(),
        }),
        previous: plan.and_then(|p| p.previous.clone()),
        signer: plan.map(|p| p.signer.clone()),
        // `publish` fills these in once it has sealed and time-stamped.
        seal: None,
        timestamp: None,
    }
}

/// The index PDFs of a language edition: two in volumes, else none.
fn index_count(context: &render::Context) -> usize {
    if context.volumes.is_empty() { 0 } else { 2 }
}

/// The register's files and the template set's, with their digests.
fn input_files(
    register: &Register,
    layout: &Layout,
    stat: &crate::support::statcache::StatCache,
) -> Result<Vec<InputFile>> {
    let mut files = inputs::register_files(&layout.root, register, stat)?;
    files.extend(inputs::template_files(
        &layout.root,
        &layout.templates_dir(),
        stat,
    )?);
    Ok(files)
}

/// Whether `out/` already holds what a build would publish: the same tool,
/// typst and settings, every input with the digest the manifest gives,
/// and every output in place. Then a build has nothing to do.
pub fn up_to_date(
    register: &Register,
    layout: &Layout,
    typst: &Typst,
    settings: &Settings,
) -> Result<bool> {
    let Ok(text) =
        std::fs::read_to_string(layout.out_dir().join(crate::audit::manifest::JSON_FILE))
    else {
        return Ok(false);
    };
    let Ok((manifest, _)) = crate::audit::manifest::parse_json(&text) else {
        return Ok(false);
    };
    // The two manifests agree, as `verify` checks: one edited or gone is
    // published again.
    let sums = std::fs::read_to_string(layout.out_dir().join(crate::audit::manifest::SHA256_FILE));
    if sums.as_deref().ok() != Some(manifest.to_sha256sum().as_str())
        || !manifest.register_digest_holds()
    {
        return Ok(false);
    }
    // A published edition's unit is its archive's, manifest for manifest.
    if let Some(edition) = &manifest.edition {
        let archived = crate::audit::editions::folder(&layout.root, edition.number)
            .join(crate::audit::manifest::SHA256_FILE);
        if std::fs::read_to_string(archived).ok() != sums.ok() {
            return Ok(false);
        }
    }
    let shown = settings.shown(register);
    let volume_size = settings.volume_size(&shown);
    if manifest.tool.version != env!("CARGO_PKG_VERSION")
        || manifest.as_of != shown.meta.as_of.to_string()
        || manifest
            .files
            .iter()
            .any(|f| f.role == Role::Output && f.path.contains(&format!("/{}/", web::DIR)))
            != settings.html
        || manifest.typst.version != typst.version
        || manifest.pdf_standard() != Some(settings.pdf_standard)
        || manifest.templates != slash(&layout.templates)
        || manifest.volume_size != volume_size
        || manifest.fonts.len() != crate::publish::fonts::NOTO.len()
        || manifest
            .fonts
            .iter()
            .zip(crate::publish::fonts::NOTO)
            .any(|(then, now)| then.sha256 != now.sha256)
    {
        return Ok(false);
    }
    let root = &layout.root;
    let inputs = input_files(register, layout, settings.stat)?;
    let mut now: Vec<(&str, &str)> = inputs
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let mut then: Vec<(&str, &str)> = manifest
        .files
        .iter()
        .filter(|f| f.role != Role::Output)
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    now.sort_unstable();
    then.sort_unstable();
    if now != then {
        return Ok(false);
    }
    let outputs: Vec<&InputFile> = manifest
        .files
        .iter()
        .filter(|f| f.role == Role::Output)
        .collect();
    let intact = crate::support::parallel::map(&outputs, |f| {
        settings
            .stat
            .sha256(&root.join(&f.path))
            .is_ok_and(|d| d == f.sha256)
    });
    Ok(intact.into_iter().all(|ok| ok))
}

#[cfg(test)]
mod tests {
    use super::batches;

    #[test]
    fn large_registers_typeset_one_language_at_a_time() {
        assert_eq!(batches(16, 1), [[0]]);
        assert_eq!(batches(10_000, 3), [[1, 2, 0]]);
        assert_eq!(batches(20_000, 3), [vec![1, 2], vec![0]]);
        assert_eq!(batches(100_000, 3), [[1], [2], [0]]);
    }
}
