//! Synthetic register projects for benchmarks and scale tests:
//! deterministic for a given seed, valid, and shaped like a real register —
//! varied types and levels, parties from the ISO list, relations between
//! entries and to outside instruments, Cyrillic titles, sources, notes, and
//! optional attachment files. Used by `examples/synth.rs` and `benches/`.

use std::fs;
use std::path::Path;

use crate::edit::add::{
    Draft, DraftFile, DraftParty, DraftRelation, DraftSignatory, DraftSource, DraftTarget,
    DraftTerm, to_yaml,
};
use crate::edit::init::{self, NewRegister};
use crate::register::model::{InstrumentType, Level};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SUBJECTS: &[(&str, &str, &str)] = &[
    ("trade", "торговли", "сауда"),
    ("transport", "транспорта", "көлік"),
    ("agriculture", "сельского хозяйства", "ауыл шаруашылығы"),
    ("health", "здравоохранения", "денсаулық сақтау"),
    ("education", "образования", "білім беру"),
    ("culture", "культуры", "мәдениет"),
    ("energy", "энергетики", "энергетика"),
    ("water resources", "водных ресурсов", "су ресурстары"),
    ("border", "границы", "шекара"),
    ("customs", "таможенного дела", "кеден ісі"),
    ("science", "науки", "ғылым"),
    ("tourism", "туризма", "туризм"),
    ("investment", "инвестиций", "инвестициялар"),
    (
        "environmental protection",
        "охраны окружающей среды",
        "қоршаған ортаны қорғау",
    ),
];

const PLACES: &[&str] = &[
    "Astana",
    "Tashkent",
    "Almaty",
    "Samarkand",
    "Bishkek",
    "Dushanbe",
    "Moscow",
    "Beijing",
    "Geneva",
    "New York",
];
const STATUSES: &[&str] = &[
    "signed",
    "in-force",
    "in-force",
    "in-force",
    "provisionally-applied",
    "expired",
    "terminated",
    "superseded",
];
const KINDS: &[&str] = &["amends", "supplements", "replaces", "implements"];

fn draft(rng: &mut Rng, n: usize, id: &str, ids: &[String], states: &[(&str, &str)]) -> Draft {
    let kind = *rng.pick(InstrumentType::NAMES);
    let level = *rng.pick(Level::NAMES);
    let (subject, subject_ru, subject_kk) = *rng.pick(SUBJECTS);
    let party_count = 2 + usize::from(rng.chance(15)) + usize::from(rng.chance(5));
    let mut parties: Vec<(&str, &str)> = Vec::new();
    while parties.len() < party_count {
        let s = *rng.pick(states);
        if !parties.iter().any(|p| p.0 == s.0) {
            parties.push(s);
        }
    }
    let body = |name: &str| format!("Government of {name}");
    let noun = kind.replace('-', " ");
    let mut title = format!("{} between {}", capitalize(&noun), body(parties[0].1));
    for p in &parties[1..] {
        title.push_str(&format!(" and {}", body(p.1)));
    }
    title.push_str(&format!(
        " on cooperation in the field of {subject} (No. {n})"
    ));
    let year = 1992 + rng.below(33) as u16;
    let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let mut d = Draft {
        id: id.to_owned(),
        title,
        kind: kind.to_owned(),
        level: Some(level.to_owned()),
        status: (*rng.pick(STATUSES)).to_owned(),
        subjects: vec![subject.to_owned()],
        ..Draft::default()
    };
    if rng.chance(60) {
        d.titles.insert(
            "ru".into(),
            format!("Соглашение о сотрудничестве в области {subject_ru} № {n}"),
        );
    }
    if rng.chance(30) {
        d.titles.insert(
            "kk".into(),
            format!("{subject_kk} саласындағы ынтымақтастық туралы келісім № {n}"),
        );
    }
    d.parties = parties
        .iter()
        .map(|(code, name)| DraftParty {
            state: (*code).to_owned(),
            body: Some(body(name)),
        })
        .collect();
    d.signed.date = date;
    d.signed.place = Some((*rng.pick(PLACES)).to_owned());
    if rng.chance(30) {
        d.signed.signatories = vec![DraftSignatory {
            name: format!("Signatory {n}"),
            office: Some("Minister of Foreign Affairs".into()),
            state: Some(parties[0].0.to_owned()),
        }];
    }
    if d.status == "in-force" && rng.chance(70) {
        d.in_force = Some(crate::edit::add::DraftInForce {
            date: Some(format!("{}", year + 1)),
            note: None,
        });
    }
    if matches!(kind, "programme" | "action-plan" | "roadmap") {
        d.term = Some(DraftTerm {
            from: Some(year.to_string()),
            to: Some((year + 1 + rng.below(9) as u16).to_string()),
        });
    }
    if !ids.is_empty() && rng.chance(15) {
        d.relations.push(DraftRelation {
            kind: (*rng.pick(KINDS)).to_owned(),
            target: DraftTarget::Id(rng.pick(ids).clone()),
        });
    }
    if rng.chance(5) {
        d.relations.push(DraftRelation {
            kind: "amends".into(),
            target: DraftTarget::External {
                title: format!("Agreement on {subject} of the former period"),
                date: format!("{}", 1950 + rng.below(40)),
            },
        });
    }
    d.sources.push(DraftSource {
        title: format!("Bulletin of International Treaties, issue {}", 1 + n / 50),
        publisher: Some("Ministry of Foreign Affairs".into()),
        date: Some(format!("{}", year + 1)),
        ..DraftSource::default()
    });
    if rng.chance(20) {
        d.notes = Some(format!(
            "Entry {n}: the sources give the date of signature differently; the depositary's date is recorded."
        ));
    }
    d
}

/// Appends `count` acts to an entry's text, in an order the treaty-law
/// rules accept: each party's signature on the date of signature, then its
/// consent and its entry into force a month later (or the same day in
/// December, so that nothing is dated after the register's `as_of`), then
/// declarations. The stated status is dropped unless it is never derived.
fn acts(text: &mut String, d: &Draft, count: usize) {
    use std::fmt::Write as _;
    if !matches!(d.status.as_str(), "adopted" | "expired" | "superseded") {
        *text = text.replacen(&format!("status: {}\n", d.status), "", 1);
    }
    let signed = &d.signed.date;
    let (year, month) = (&signed[..4], signed[5..7].parse::<u8>().unwrap_or(12));
    let later = if month < 12 {
        format!("{year}-{:02}-15", month + 1)
    } else {
        signed.clone()
    };
    let parties: Vec<&str> = d.parties.iter().map(|p| p.state.as_str()).collect();
    let plan = [
        ("signature", signed.as_str()),
        ("notification", &later),
        ("entry-into-force", &later),
    ];
    text.push_str("actions:\n");
    for k in 0..count {
        let round = k / parties.len();
        let party = parties[k % parties.len()];
        match plan.get(round) {
            Some((action, date)) => {
                let _ = write!(
                    text,
                    "  - party: {party}\n    action: {action}\n    date: {date}\n"
                );
            }
            None => {
                let _ = write!(
                    text,
                    "  - party: {party}\n    action: declaration\n    date: {later}\n    \
                     label: D{k}\n    text: Declaration {k} on the territorial application.\n"
                );
            }
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

fn write_attachment(path: &Path, size: u64, rng: &mut Rng) -> std::io::Result<String> {
    use std::io::Write;
    let mut file = fs::File::create(path)?;
    let mut left = size;
    let mut block = vec![0u8; 1 << 20];
    while left > 0 {
        for chunk in block.chunks_mut(8) {
            let v = rng.next().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        let n = left.min(block.len() as u64) as usize;
        file.write_all(&block[..n])?;
        left -= n as u64;
    }
    drop(file);
    crate::support::digest::sha256_file(path)
}

/// Writes a register project of `count` instruments into `dir` (which must
/// not exist or be empty), with attachments of `attachments` bytes in all
/// (on every tenth entry).
pub fn generate(dir: &Path, count: usize, attachments: u64, seed: u64) -> crate::error::Result<()> {
    generate_with_actions(dir, count, attachments, seed, 0)
}

/// As [`generate`], with `actions` acts recorded for every instrument
/// (signatures, then consents, entries into force and declarations), whose
/// status is then derived from them.
pub fn generate_with_actions(
    dir: &Path,
    count: usize,
    attachments: u64,
    seed: u64,
    actions: usize,
) -> crate::error::Result<()> {
    let register = NewRegister {
        title: format!("Synthetic Register of {count} Instruments"),
        as_of: "2025-01-01".into(),
        language: "en".into(),
        id_prefix: "SYN".into(),
    };
    init::create(dir, &register)?;
    let states: Vec<(&str, &str)> = crate::register::codes::countries().collect();
    let width = count.to_string().len().max(3);
    let mut rng = Rng(seed);
    let with_files = if attachments > 0 {
        count.div_ceil(10).max(1)
    } else {
        0
    };
    let file_size = if with_files > 0 {
        attachments / with_files as u64
    } else {
        0
    };
    let instruments = dir.join("register/instruments");
    let files_dir = dir.join("register/files");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| crate::error::Error::Write { path, source }
    };
    let mut ids: Vec<String> = Vec::with_capacity(count);
    for n in 1..=count {
        let id = format!("SYN-{n:0width$}");
        let mut d = draft(&mut rng, n, &id, &ids, &states);
        if with_files > 0 && n % 10 == 1 {
            fs::create_dir_all(&files_dir).map_err(io(&files_dir))?;
            let name = format!("{id}.pdf");
            let path = files_dir.join(&name);
            let sha = write_attachment(&path, file_size, &mut rng).map_err(io(&path))?;
            d.files.push(DraftFile {
                path: format!("files/{name}"),
                sha256: Some(sha),
                description: Some("scan of the signed text".into()),
            });
        }
        let path = instruments.join(format!("{id}.yaml"));
        let mut text = to_yaml(&d);
        if actions > 0 {
            acts(&mut text, &d, actions);
        }
        fs::write(&path, text).map_err(io(&path))?;
        ids.push(id);
    }
    Ok(())
}

/// Parses sizes such as `512M` or `1G`.
pub fn parse_size(text: &str) -> Option<u64> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number.parse().ok()?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return None,
    };
    Some(n * factor)
}
